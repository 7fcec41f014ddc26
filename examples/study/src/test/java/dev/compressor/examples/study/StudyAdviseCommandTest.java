package dev.compressor.examples.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.compressor.examples.advise.AdviseCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code study advise} is the advisor's command ({@code AdviseCommandTest} runs it end to end on its
 * own): registered on the study's command line, with its options and its usage errors.
 */
class StudyAdviseCommandTest {

    @Test
    void adviseIsTheAdvisorsCommandWithItsOptionsAndUsageErrors() {
        CommandLine cl = new CommandLine(new StudyCli());
        assertInstanceOf(AdviseCommand.class, cl.getSubcommands().get("advise").getCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        assertEquals(0, cl.execute("advise", "--help"));
        assertTrue(out.toString().contains("--candidates"), out.toString());
        assertEquals(2, cl.execute("advise"), "--model is required");
        assertTrue(err.toString().contains("--model"), err.toString());
    }
}
