using System.Globalization;

namespace Parley.Bench;

/// <summary>The command line; see <see cref="Usage"/>.</summary>
internal sealed record BenchOptions
{
    public string Command { get; init; } = "chat";

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 32];

    public int Sources { get; init; } = 200;

    public int ChunksPerSource { get; init; } = 50;

    public IReadOnlyList<string> Targets { get; init; } = ["parley", "bare"];

    public int Iterations { get; init; } = 300;

    public const string Usage = """
        usage: Parley.Bench chat [options]    Parley against a bare endpoint: the table
               Parley.Bench steps [options]   where a turn's time goes, step by step
          --warmup SECONDS          warm-up before each measured window (default 3)
          --duration SECONDS        measured window per row (default 10)
          --concurrency LIST        visitors in flight, e.g. 1,32 (default 1,32)
          --sources N               text sources on the bot (default 200)
          --chunks-per-source N     chunks per source (default 50; 200 x 50 = 10,000 chunks)
          --targets LIST            parley, bare or both (default parley,bare)
          --iterations N            steps: questions timed step by step (default 300)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
            options = options with { Command = args[i++] };

        for (; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--warmup" => options with { Warmup = Seconds(value) },
                "--duration" => options with { Duration = Seconds(value) },
                "--concurrency" => options with { Concurrency = value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList() },
                "--sources" => options with { Sources = int.Parse(value, CultureInfo.InvariantCulture) },
                "--chunks-per-source" => options with { ChunksPerSource = int.Parse(value, CultureInfo.InvariantCulture) },
                "--targets" => options with { Targets = value.Split(',') },
                "--iterations" => options with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
