# Summarizes `jfr print --events jdk.ExecutionSample` output: samples by thread, by top frame, and by what the stack
# is doing (a sample counts once in each category its stack matches, so categories overlap).
#   jfr print --stack-depth 64 --events jdk.ExecutionSample rec.jfr | awk -f bench/jfr-hot.awk
function flush() {
  if (stack == "") return
  total++
  threads[thread]++
  tops[top]++
  for (c = 1; c <= ncat; c++) if (stack ~ pattern[c]) hits[c]++
  stack = ""; top = ""; thread = ""
}
function category(label, regex) { ncat++; name[ncat] = label; pattern[ncat] = regex }
function report(title, counts, limit,    k, n, i, keys, lines) {
  printf "== %s\n", title
  n = 0
  for (k in counts) { n++; keys[n] = sprintf("%09d\t%s", counts[k], k) }
  asort(keys)
  for (i = n; i >= 1 && i > n - limit; i--) {
    split(keys[i], lines, "\t")
    printf "%7d %5.1f%%  %s\n", lines[1] + 0, 100 * lines[1] / total, lines[2]
  }
}
BEGIN {
  category("WebSocket frame decoding (incl. unmasking)", "WebSocket08FrameDecoder")
  category("WebSocket frame encoding (incl. masking)", "WebSocket08FrameEncoder")
  category("UTF-8 frame validation", "Utf8FrameValidator")
  category("Tollgate relay handler", "dev\\.tollgate\\.gateway\\.relay\\.")
  category("Tollgate throttling (plans, quotas)", "dev\\.tollgate\\.gateway\\.throttle\\.")
  category("Tollgate handshake stages", "dev\\.tollgate\\.gateway\\.handshake\\.")
  category("JWT parsing and verification (Nimbus)", "com\\.nimbusds\\.")
  category("backend connect (dev.tollgate.gateway.backend)", "dev\\.tollgate\\.gateway\\.backend\\.")
  category("off-loop name resolution", "OffLoopResolverGroup|InetAddress\\.getAllByName|SocketUtils\\.a")
  category("Micrometer metrics", "io\\.micrometer\\.")
  category("HTTP codec (upgrade requests and responses)", "HttpObjectDecoder|HttpObjectEncoder|HttpServerCodec|HttpClientCodec")
  category("WebSocket handshakers (Netty)", "WebSocketClientHandshaker|WebSocketServerHandshaker")
  category("socket writes (flush)", "doWrite|writeBytesMultiple|writev|Native\\.write|sendmsg")
  category("socket reads", "doReadBytes|Native\\.read|readv|recv")
  category("epoll wait and dispatch", "EpollIoHandler\\.(epollWait|epollBusyWait|processReady)|Native\\.epoll")
  category("connection registry and snapshot review", "ConnectionRegistry|AccessReview")
  category("control plane (Spring, H2, Hibernate, Tomcat)", "org\\.springframework|org\\.h2\\.|org\\.hibernate|org\\.apache\\.(catalina|coyote|tomcat)")
  category("Spring context and bean creation", "org\\.springframework\\.(beans|context)\\.")
  category("Hibernate and JPA", "org\\.hibernate\\.")
  category("Flyway migrations", "org\\.flywaydb\\.")
  category("H2 database", "org\\.h2\\.")
  category("Tomcat", "org\\.apache\\.(catalina|coyote|tomcat)")
  category("key and certificate generation or loading", "KeyPairGenerator|RSAKeyPairGenerator|org\\.bouncycastle|KeyStore\\.load")
  category("class loading and defining", "ClassLoader\\.(loadClass|defineClass)|URLClassPath|JarLoader|ZipFile")
  category("reflection and annotation scanning", "java\\.lang\\.reflect|sun\\.reflect|AnnotationUtils|MergedAnnotations|ClassPathScanning|asm\\.")
}
/^jdk\.ExecutionSample/ { flush(); inside = 1; next }
inside && /sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); gsub(/[0-9]+/, "N", thread) }
inside && /stackTrace = \[/ { instack = 1; next }
instack && /^[ \t]*\]/ { instack = 0; next }
instack {
  frame = $0; sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*/, "", frame)
  if (top == "") top = frame
  stack = stack "\n" frame
}
END {
  flush()
  printf "%d execution samples\n", total
  report("threads (digits as N)", threads, 10)
  report("top frames", tops, 25)
  printf "== what the stacks are doing (overlapping)\n"
  for (c = 1; c <= ncat; c++) if (hits[c] > 0) printf "%7d %5.1f%%  %s\n", hits[c], 100 * hits[c] / total, name[c]
}
