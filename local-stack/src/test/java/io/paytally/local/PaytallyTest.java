package io.paytally.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import io.paytally.local.cli.ExitCodes;
import io.paytally.local.cli.SpringProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The {@code paytally} command line as a user meets it: its help, its exit codes, its
 * refusals.
 */
class PaytallyTest {

	private static final Path CORPUS = Path.of("../batch-jobs/src/test/resources/corpus/bills");

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void withoutACommandPrintsEveryCommandAndExitsZero() {
		assertThat(run()).isZero();
		assertThat(out()).startsWith("Usage: paytally [-h] COMMAND");
		for (String command : List.of("demo", "sandbox", "ingest", "stream", "batch", "dashboard", "statement", "bill",
				"topics", "keygen", "help")) {
			assertThat(out()).containsPattern("(?m)^  " + command + " ");
		}
		assertThat(run("help")).isZero();
	}

	@Test
	void theHelpOfEveryCommandListsEveryOptionItDeclares() {
		List<CommandLine> commands = new ArrayList<>();
		collect(Dispatcher.commandLine(print(this.out), print(this.err)), commands);
		assertThat(commands).extracting(CommandLine::getCommandName)
			.contains("demo", "sandbox", "ingest", "stream", "batch", "dashboard", "statement", "bill", "check",
					"topics", "keygen");
		for (CommandLine command : commands) {
			String qualified = command.getCommandSpec().qualifiedName();
			List<String> args = new ArrayList<>(List.of(qualified.split(" ")).subList(1, qualified.split(" ").length));
			args.add("--help");
			this.out.reset();
			assertThat(run(args.toArray(String[]::new))).as(qualified).isZero();
			String help = out();
			for (OptionSpec option : command.getCommandSpec().options()) {
				assertThat(option.hidden()).as(qualified + " " + option.longestName()).isFalse();
				assertThat(String.join(" ", option.description())).as(qualified + " " + option.longestName())
					.isNotBlank();
				for (String name : option.names()) {
					assertThat(help).as(qualified + " --help").containsPattern("(?m)^ .*(^|[ ,])" + name + "\\b");
				}
			}
		}
	}

	@Test
	void demoHelpDocumentsTheOptionsOfTheDay() {
		assertThat(run("demo", "--help")).isZero();
		assertThat(out())
			.contains("--orders=N", "--seed=S", "--mix=KIND=PERCENT", "--keep-running", "--data-dir=DIR",
					"--settle-timeout=DURATION", "paid-after-close", "duplicate-payment")
			.doesNotContain("--merchants");
		this.out.reset();
		assertThat(run("help", "demo")).isZero();
		assertThat(out()).contains("--settle-timeout=DURATION");
	}

	@Test
	void theServiceHelpSaysSpringPropertiesPassThrough() {
		assertThat(run("stream", "--help")).isZero();
		assertThat(out()).contains("--kafka=HOST:PORT", "--sandbox=URL", "--keys=DIR", "--notify-url=URL",
				"Any further --some.spring.property=value is passed to the service as it is.");
	}

	@Test
	void refusesAnUnknownOptionNamingItAndSuggestingTheNearestWithExit64() {
		assertThat(run("topics", "--kafak", "kafka:9092")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("paytally: Unknown options: '--kafak', 'kafka:9092'", "Possible solutions: --kafka",
				"Run ./paytally topics --help for its options.");
	}

	@Test
	void refusesAnUnknownOptionOfAServiceNamingItWithExit64() {
		assertThat(run("stream", "--kafak", "kafka:9092")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("paytally: Unknown options: '--kafak', 'kafka:9092'", "--kafka",
				"Run ./paytally stream --help for its options.");
	}

	@Test
	void refusesTheMerchantsOptionTheDemoDoesNotHave() {
		assertThat(run("demo", "--merchants", "3")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("'--merchants'");
	}

	@Test
	void refusesAnUnknownCommandNamingIt() {
		assertThat(run("demp")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("'demp'", "demo");
	}

	@ParameterizedTest
	@MethodSource
	void refusesAMalformedValueNamingTheOptionAndTheValueWithExit64(List<String> args, String option, String value) {
		assertThat(run(args.toArray(String[]::new))).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains(option, value);
		assertThat(this.out.size()).isZero();
	}

	static Stream<Arguments> refusesAMalformedValueNamingTheOptionAndTheValueWithExit64() {
		return Stream.of(Arguments.of(List.of("demo", "--orders", "many"), "--orders", "'many'"),
				Arguments.of(List.of("demo", "--orders", "0"), "--orders", "0"),
				Arguments.of(List.of("demo", "--seed", "0x2a"), "--seed", "'0x2a'"),
				Arguments.of(List.of("demo", "--settle-timeout", "soon"), "--settle-timeout", "'soon'"),
				Arguments.of(List.of("demo", "--settle-timeout", "90"), "--settle-timeout", "'90' has no unit"),
				Arguments.of(List.of("demo", "--mix", "lost=3"), "--mix", "'lost'"),
				Arguments.of(List.of("demo", "--mix", "drop"), "--mix", "drop"),
				Arguments.of(List.of("statement", "--date", "21.11.2026"), "--date", "'21.11.2026'"),
				Arguments.of(List.of("topics", "--partitions", "six"), "--partitions", "'six'"),
				Arguments.of(List.of("topics", "--wait", "2 minutes"), "--wait", "'2 minutes'"),
				Arguments.of(List.of("sandbox", "--time-scale", "fast"), "--time-scale", "'fast'"),
				Arguments.of(List.of("stream", "--port", "80a"), "--port", "'80a'"),
				Arguments.of(List.of("stream", "--kafka"), "--kafka", "Missing required parameter"),
				Arguments.of(List.of("keygen"), "--out", "Missing required option"));
	}

	@Test
	void refusesASpringPropertyWhereNoServiceStarts() {
		assertThat(run("demo", "--spring.kafka.client-id=x")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("Unknown option: '--spring.kafka.client-id=x'");
	}

	@Test
	void billCheckPrintsASoundGenuineBillAndExitsZero() {
		assertThat(run("bill", "check", CORPUS.resolve("wechatpay-php-bill.ALL.csv").toString())).isZero();
		assertThat(out()).contains("Type:      an ALL trade bill", "Rows:      45 (31 payments, 14 refunds)",
				"Rejected:  0 lines", "Summary:   holds (45 rows, all seven sums agree)");
	}

	@Test
	void billCheckReadsAGzipBill() {
		assertThat(run("bill", "check", CORPUS.resolve("gunsluo-wechatpay-go-all-2021-01-28.csv.gz").toString()))
			.isZero();
		assertThat(out()).contains("(gzip)", "Rows:      3 (3 payments, 0 refunds)", "Summary:   holds");
	}

	@Test
	void billCheckNamesTheRejectedLineAndExitsOne(@TempDir Path dir) throws IOException {
		List<String> lines = Files.readAllLines(CORPUS.resolve("wechatpay-php-bill.ALL.csv"), StandardCharsets.UTF_8);
		List<String> broken = new ArrayList<>(lines);
		// line 3: a settled amount with more decimals than the fen
		broken.set(2, broken.get(2).replaceFirst(",`CNY,`0\\.00,", ",`CNY,`0.001,"));
		assertThat(broken.get(2)).contains(",`CNY,`0.001,");
		Path bill = dir.resolve("broken.csv");
		Files.write(bill, broken, StandardCharsets.UTF_8);
		assertThat(run("bill", "check", bill.toString())).isEqualTo(1);
		assertThat(out()).contains("Rejected:  1 lines", "  line 3: ");
	}

	@Test
	void billCheckRefusesAFundFlowBillAsCorruptWithExitTwo() {
		assertThat(run("bill", "check",
				CORPUS.resolve("bad/gunsluo-wechatpay-go-fundflow-BASIC-2021-02-01.csv.gz").toString()))
			.isEqualTo(2);
		assertThat(out()).contains("Summary:   DOES NOT HOLD: Line 1 is not the header of a trade bill");
	}

	@Test
	void billCheckRefusesAMissingFileWithExit64() {
		assertThat(run("bill", "check", "no-such-bill.csv")).isEqualTo(ExitCodes.USAGE);
		assertThat(err()).contains("No bill file no-such-bill.csv");
		assertThat(run("bill")).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void everyPaytallyCommandInTheReadmeParses() throws IOException {
		List<List<String>> commands = readmeCommands(Path.of("../README.md"));
		assertThat(commands).hasSizeGreaterThan(10);
		for (List<String> command : commands) {
			CommandLine paytally = Dispatcher.commandLine(print(this.out), print(this.err));
			assertThatCode(() -> {
				ParseResult parsed = paytally.parseArgs(command.toArray(String[]::new));
				while (parsed.hasSubcommand()) {
					parsed = parsed.subcommand();
				}
				SpringProperties.of(parsed.unmatched(), parsed.commandSpec());
			}).as(String.join(" ", command)).doesNotThrowAnyException();
		}
	}

	@Test
	void theReadmeShowsTheHelpAsItIsPrinted() throws IOException {
		String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
		assertThat(run("help")).isZero();
		assertThat(readme).contains("```text\n" + out());
		this.out.reset();
		assertThat(run("demo", "--help")).isZero();
		assertThat(readme).contains("```text\n" + out());
	}

	@Test
	void everyPaytallyCommandOfTheComposeFilesParses() throws IOException {
		int commands = 0;
		for (String file : List.of("../docker-compose.yml", "../docker-compose.trial.yml")) {
			Map<String, Map<String, Object>> services;
			try (Reader reader = Files.newBufferedReader(Path.of(file))) {
				Map<String, Object> compose = new Yaml(new LoaderOptions()).load(reader);
				services = cast(compose.get("services"));
			}
			for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
				if (!String.valueOf(service.getValue().get("entrypoint")).contains("/app/paytally.jar")) {
					continue;
				}
				// ${NAME:-default} as its default, ${NAME} as a value of the trial
				List<String> args = this.<List<Object>>cast(service.getValue().get("command"))
					.stream()
					.map((arg) -> String.valueOf(arg)
						.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")
						.replaceAll("\\$\\{[A-Z_]+}", "1900000001"))
					.toList();
				commands++;
				assertThatCode(() -> Dispatcher.commandLine(print(this.out), print(this.err))
					.parseArgs(args.toArray(String[]::new))).as(file + " " + service.getKey())
					.doesNotThrowAnyException();
			}
		}
		assertThat(commands).isEqualTo(3);
	}

	@SuppressWarnings("unchecked")
	private <T> T cast(Object value) {
		return (T) value;
	}

	/** The arguments of every {@code ./paytally ...} line in the README's code blocks. */
	static List<List<String>> readmeCommands(Path readme) throws IOException {
		List<List<String>> commands = new ArrayList<>();
		boolean code = false;
		String pending = null;
		for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
			if (line.startsWith("```")) {
				code = !code;
				continue;
			}
			if (!code) {
				continue;
			}
			String text = (pending != null) ? pending + " " + line.trim() : line.trim();
			if (text.endsWith("\\")) {
				pending = text.substring(0, text.length() - 1).trim();
				continue;
			}
			pending = null;
			if (text.startsWith("./paytally ")) {
				List<String> words = words(text);
				commands.add(words.subList(1, words.size()));
			}
		}
		return commands;
	}

	/** A shell line's words: single quotes kept together, a {@code #} comment dropped. */
	private static List<String> words(String line) {
		List<String> words = new ArrayList<>();
		StringBuilder word = null;
		boolean quoted = false;
		for (char c : line.toCharArray()) {
			if (quoted) {
				if (c == '\'') {
					quoted = false;
				}
				else {
					word.append(c);
				}
			}
			else if (c == '\'') {
				quoted = true;
				word = (word != null) ? word : new StringBuilder();
			}
			else if (c == '#' && word == null) {
				break;
			}
			else if (Character.isWhitespace(c)) {
				if (word != null) {
					words.add(word.toString());
					word = null;
				}
			}
			else {
				word = (word != null) ? word : new StringBuilder();
				word.append(c);
			}
		}
		if (word != null) {
			words.add(word.toString());
		}
		return words;
	}

	private static void collect(CommandLine command, List<CommandLine> into) {
		if (!(command.getCommand() instanceof CommandLine.HelpCommand) && command.getParent() != null) {
			into.add(command);
		}
		command.getSubcommands().values().forEach((sub) -> collect(sub, into));
	}

	private int run(String... args) {
		return Paytally.run(args, print(this.out), print(this.err));
	}

	private static PrintStream print(ByteArrayOutputStream bytes) {
		return new PrintStream(bytes, true, StandardCharsets.UTF_8);
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
