package dev.rlaif.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rlaif} command line. Contract (relied on by scripts): JSON goes to stdout with
 * {@code --json}, progress to stderr, and exit code 2 means bad usage or bad input.
 */
@Command(
        name = "rlaif",
        mixinStandardHelpOptions = true,
        version = "rlaif4j 0.1.0-SNAPSHOT",
        description = "Reinforcement Learning from AI Feedback for code-generating language models.",
        subcommands = {
            DataCommand.class,
            ParseCommand.class,
            GorillaEvalCommand.class,
            ScoreCommand.class,
            RunCommand.class,
            FeedbackCommand.class,
            BenchCommand.class,
            ExecCheckCommand.class,
            PpoCommand.class,
            GrpoCommand.class,
            RewardCommand.class,
        })
public final class RlaifCli implements Runnable {

    /** Exit code for bad usage or bad input. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Builds the configured command line (shared by {@link #main} and tests). */
    public static CommandLine commandLine() {
        System.setProperty("ai.djl.offline", "true");
        CommandLine cl = new CommandLine(new RlaifCli());
        cl.setExitCodeExceptionMapper(t -> EXIT_BAD_INPUT);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof dev.rlaif.core.io.InvalidInputException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof java.io.IOException) {
                cmd.getErr().println("rlaif: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("rlaif: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        });
        return cl;
    }

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
