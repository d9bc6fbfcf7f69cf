package dev.tollgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench/profile-summary.awk}, which bench/run.sh runs on every async-profiler profile: a hand-made profile in
 * collapsed form, with kernel, user-space and JIT samples on three threads, and the shares it must report.
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

    @Test
    void reportsTheKernelShareByWhatItDidAndWhatTheStacksAreDoing(@TempDir Path dir)
            throws IOException, InterruptedException {
        Path profile = dir.resolve("profile.collapsed");
        Files.writeString(profile, PROFILE);

        String summary = summarize(profile);

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

    private static String summarize(Path profile) throws IOException, InterruptedException {
        Path script = Path.of("..", "bench", "profile-summary.awk").toAbsolutePath().normalize();
        assertThat(script).exists();
        Process awk = new ProcessBuilder("awk", "-f", script.toString(), profile.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(awk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(awk.exitValue()).as(output).isZero();
        return output;
    }
}
