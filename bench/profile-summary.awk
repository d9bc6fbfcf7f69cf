# Summarizes an async-profiler CPU profile in collapsed form (`asprof ... -o collapsed`, with `threads`): samples by
# thread, how they split between the kernel and user space, the top frames of each, and what the stacks are doing
# (a sample counts once in each category its stack matches, so categories overlap).
#   awk -f bench/report.awk -f bench/profile-summary.awk profile.collapsed
# A line is "[thread tid=N];frame;frame;... COUNT", outermost frame first; kernel frames end in "_[k]", Java frames
# are written with slashes (io/netty/channel/...), native and JVM frames as they are.
function category(label, regex) { ncat++; name[ncat] = label; pattern[ncat] = regex }
BEGIN {
  # What the gateway does, by the Java frames on the stack.
  category("Tollgate relay (frame reader, relay handler, closing)", "dev/tollgate/gateway/relay/")
  category("Tollgate throttling (plans, quotas)", "dev/tollgate/gateway/throttle/")
  category("Tollgate handshake stages", "dev/tollgate/gateway/handshake/")
  category("JWT parsing and verification (Nimbus)", "com/nimbusds/")
  category("backend connect and upgrade (dev.tollgate.gateway.backend)", "dev/tollgate/gateway/backend/")
  category("Micrometer metrics", "io/micrometer/|dev/tollgate/gateway/metrics/")
  category("HTTP codec (upgrade requests and responses)", "HttpObjectDecoder|HttpObjectEncoder|HttpServerCodec|HttpClientCodec")
  category("WebSocket frame codecs and UTF-8 validation (Netty)", "WebSocket08Frame|Utf8FrameValidator")
  category("Netty pipeline (passing events between handlers)", "AbstractChannelHandlerContext\\.(fire|invoke|write|flush)")
  category("Netty buffers (allocate, release, leak sampling)", "io/netty/buffer/|ResourceLeakDetector")
  category("Netty leak detector's stack traces (sampled buffers)", "ResourceLeakDetector\\$TraceRecord")
  category("io_uring event loop (submissions and completions)", "io/netty/channel/uring/")
  category("epoll event loop", "io/netty/channel/epoll/")
  category("control plane (Spring, H2, Tomcat)", "org/springframework/|org/h2/|org/apache/(catalina|coyote|tomcat)/")
  category("Spring context and bean creation", "org/springframework/(beans|context)/")
  category("Flyway migrations", "org/flywaydb/")
  category("Tomcat", "org/apache/(catalina|coyote|tomcat)/")
  category("class loading and linking", "ClassLoader\\.(loadClass|defineClass)|URLClassPath|SystemDictionary|LinkResolver|link_class")
  category("invokedynamic linking (lambdas, string concatenation)", "MethodHandleNatives\\.linkCallSite")
  category("interpreted code", "\nInterpreter(\n|$)")
  category("JIT compilers", "CompileBroker::")
  category("garbage collection", "G1|GCTaskThread|WorkerThread::run")
  # Where the kernel's share goes (kernel frames end in _[k]).
  kcategory("sending: tcp_sendmsg, including loopback delivery to the receiver", "tcp_sendmsg")
  kcategory("receiving: tcp_recvmsg", "tcp_recvmsg")
  kcategory("waiting and being woken: schedule, io_cqring_wait, epoll_wait, futex", "schedule|io_cqring_wait|ep_poll|futex_wait")
  kcategory("opening connections: connect, accept", "tcp_v4_connect|inet_csk_accept|io_connect|io_accept|__sys_accept|__sys_connect")
  kcategory("closing connections", "tcp_close|sock_close|__fput")
  kcategory("page faults", "asm_exc_page_fault|handle_mm_fault")
}
function kcategory(label, regex) { nk++; kname[nk] = label; kpattern[nk] = regex }
{
  count = $NF + 0
  line = $0
  sub(/ [0-9]+$/, "", line)
  n = split(line, frames, ";")
  thread = frames[1]
  if (thread ~ /^\[/) { sub(/ tid=[0-9]+\]$/, "]", thread); gsub(/-[0-9]+/, "-N", thread) } else { thread = "(no thread)" }
  total += count
  threads[thread] += count
  leaf = frames[n]
  kernel = 0
  for (i = 2; i <= n; i++) if (frames[i] ~ /_\[k\]$/) { kernel = i; break }
  if (kernel) {
    kernelTotal += count
    # The user-space frame that entered the kernel, and what the kernel did.
    entry = "(kernel thread)"
    for (i = kernel - 1; i >= 2; i--) if (frames[i] ~ /\//) { entry = frames[i]; break }
    kernelEntries[entry] += count
    kstack = ""
    for (i = kernel; i <= n; i++) kstack = kstack ";" frames[i]
    matched = 0
    for (c = 1; c <= nk; c++) if (kstack ~ kpattern[c]) { khits[c] += count; matched = 1; break }
    if (!matched) kother += count
  } else {
    userTops[leaf] += count
  }
  stack = ""
  for (i = 2; i <= n; i++) stack = stack "\n" frames[i]
  for (c = 1; c <= ncat; c++) if (stack ~ pattern[c]) hits[c] += count
}
END {
  if (total == 0) { print "no samples"; exit }
  printf "%d samples: %.1f%% in the kernel, %.1f%% in user space\n", total, 100 * kernelTotal / total,
    100 * (total - kernelTotal) / total
  report("threads (digits as N)", threads, 10, total, 8)
  report("top user-space frames (self time)", userTops, 25, total, 8)
  printf "== kernel time by what it did (first match)\n"
  for (c = 1; c <= nk; c++) if (khits[c] > 0) printf "%8d %5.1f%%  %s\n", khits[c], 100 * khits[c] / total, kname[c]
  if (kother > 0) printf "%8d %5.1f%%  other kernel work\n", kother, 100 * kother / total
  report("kernel time by the Java frame that entered it", kernelEntries, 8, total, 8)
  printf "== what the stacks are doing (overlapping)\n"
  for (c = 1; c <= ncat; c++) if (hits[c] > 0) printf "%8d %5.1f%%  %s\n", hits[c], 100 * hits[c] / total, name[c]
}
