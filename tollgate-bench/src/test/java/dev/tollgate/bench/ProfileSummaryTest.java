package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts bench/run.sh runs on async-profiler's profiles: {@code bench/profile-summary.awk} on every CPU profile
 * (a hand-made one in collapsed form, with kernel, user-space and JIT samples on three threads, and the shares it must
 * report), and {@code bench/alloc-summary.awk} on the allocation profiles (bytes per unit of work, and by what).
 */
@Timeout(30)
class ProfileSummaryTest {

    /** 100 samples: 60 in the kernel (40 sending, 20 waiting), 40 in user space (25 relay, 10 buffers, 5 C2). */
    private static final String PROFILE = String.join("\n",
            "[multiThreadIoEventLoopGroup-3-1 tid=101];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "io/netty/channel/uring/Native.ioUringEnter;syscall;entry_SYSCALL_64_[k];"
                    + "__do_sys_io_uring_enter_[k];tcp_sendmsg_[k] 30",
            "[multiThreadIoEventLoopGroup-3-2 tid=102];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "io/netty/channel/uring/Native.ioUringEnter;syscall;entry_SYSCALL_64_[k];"
                    + "__do_sys_io_uring_enter_[k];tcp_sendmsg_[k] 10",
            "[multiThreadIoEventLoopGroup-3-1 tid=101];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "io/netty/channel/uring/Native.ioUringEnter;syscall;entry_SYSCALL_64_[k];io_cqring_wait_[k];"
                    + "schedule_[k] 20",
            "[multiThreadIoEventLoopGroup-3-1 tid=101];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "io/netty/channel/AbstractChannelHandlerContext.fireChannelRead;"
                    + "dev/tollgate/gateway/relay/FrameReader.parse 25",
            "[multiThreadIoEventLoopGroup-3-2 tid=102];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "io/netty/buffer/AdaptivePoolingAllocator.allocate 10",
            "[C2 CompilerThread0 tid=12];start_thread;CompileBroker::compiler_thread_loop;"
                    + "CompileBroker::invoke_compiler_on_method;C2Compiler::compile_method 5",
            "");

    /**
     * 10,000 bytes: 6,000 of slices made by Netty's receive, 3,000 of NIO views made under the relay's frame reader,
     * 1,000 of strings the JDK made alone.
     */
    private static final String ALLOCATIONS = String.join("\n",
            "[multiThreadIoEventLoopGroup-3-1 tid=101];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "io/netty/channel/uring/IoUringBufferRing.useBuffer;io/netty/buffer/AbstractByteBuf.slice;"
                    + "io.netty.buffer.UnpooledSlicedByteBuf_[i] 6000",
            "[multiThreadIoEventLoopGroup-3-2 tid=102];java/lang/Thread.run;io/netty/channel/uring/IoUringIoHandler.run;"
                    + "dev/tollgate/gateway/relay/FrameReader.channelRead;io/netty/buffer/AbstractByteBuf.writeBytes;"
                    + "io/netty/util/internal/PlatformDependent0.offsetSlice;java/nio/DirectByteBuffer.slice;"
                    + "java.nio.DirectByteBuffer_[i] 3000",
            "[main tid=1];java/lang/Thread.run;java/lang/String.substring;byte[]_[k] 1000",
            "");

    @Test
    void reportsTheKernelShareByWhatItDidAndWhatTheStacksAreDoing(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path profile = dir.resolve("profile.collapsed");
        Files.writeString(profile, PROFILE);

        String summary = summarize("profile-summary.awk", profile);

        assertThat(summary).contains("100 samples: 60.0% in the kernel, 40.0% in user space");
        assertThat(summary).containsPattern("(?m)^ +95 +95\\.0%  \\[multiThreadIoEventLoopGroup-N-N\\]$");
        assertThat(summary).containsPattern("(?m)^ +5 +5\\.0%  \\[C2 CompilerThread0\\]$");
        assertThat(summary).containsPattern("(?m)^ +40 +40\\.0%  sending: tcp_sendmsg");
        assertThat(summary).containsPattern("(?m)^ +20 +20\\.0%  waiting and being woken");
        assertThat(summary).containsPattern("(?m)^ +60 +60\\.0%  io/netty/channel/uring/Native\\.ioUringEnter$");
        assertThat(summary).containsPattern("(?m)^ +25 +25\\.0%  dev/tollgate/gateway/relay/FrameReader\\.parse$");
        assertThat(summary).containsPattern("(?m)^ +25 +25\\.0%  Tollgate relay");
        assertThat(summary).containsPattern("(?m)^ +10 +10\\.0%  Netty buffers");
        assertThat(summary).containsPattern("(?m)^ +5 +5\\.0%  JIT compilers$");
        assertThat(summary).doesNotContain("other kernel work", "Tollgate handshake stages");
    }

    @Test
    void reportsTheBytesAllocatedPerUnitByClassAndByWhatAllocatedThem(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path profile = dir.resolve("allocation.collapsed");
        Files.writeString(profile, ALLOCATIONS);

        String summary = summarize("alloc-summary.awk", profile, "-v", "count=40", "-v", "unit=message");

        assertThat(summary.lines().findFirst()).contains("10000 250");
        assertThat(summary)
                .contains("10000 bytes allocated on the heap in the window; 40 messages: 250 bytes per message");
        assertThat(summary).containsPattern("(?m)^ +6000 +60\\.0%  io\\.netty\\.buffer\\.UnpooledSlicedByteBuf$");
        assertThat(summary).containsPattern("(?m)^ +1000 +10\\.0%  byte\\[\\]$");
        assertThat(summary).containsPattern("(?m)^ +6000 +60\\.0%  io\\.netty\\.buffer\\.UnpooledSlicedByteBuf <- "
                + "io\\.netty\\.buffer\\.AbstractByteBuf\\.slice$");
        assertThat(summary).containsPattern("(?m)^ +3000 +30\\.0%  java\\.nio\\.DirectByteBuffer <- "
                + "io\\.netty\\.util\\.internal\\.PlatformDependent0\\.offsetSlice "
                + "\\(via dev\\.tollgate\\.gateway\\.relay\\.FrameReader\\.channelRead\\)$");
        assertThat(summary).containsPattern("(?m)^ +1000 +10\\.0%  byte\\[\\] <- \\(JDK or JVM only\\)$");
    }

    private static String summarize(String scriptName, Path profile, String... awkOptions)
            throws IOException, InterruptedException {
        Path bench = Path.of("..", "bench").toAbsolutePath().normalize();
        Path script = bench.resolve(scriptName);
        assertThat(script).exists();
        List<String> command = new ArrayList<>(List.of("awk"));
        command.addAll(List.of(awkOptions));
        command.addAll(List.of("-f", bench.resolve("report.awk").toString(), "-f", script.toString(),
                profile.toString()));
        Process awk = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        String output = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(awk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(awk.exitValue()).as(output).isZero();
        return output;
    }
}
