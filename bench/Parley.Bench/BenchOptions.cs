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

    /// <summary>Who answers in chat, steps and backends: <c>instant</c> (<see cref="Hosting.InstantChatClient"/>) or <c>offline</c>, the server's own extractive generator.</summary>
    public string Generator { get; init; } = "instant";

    public int Iterations { get; init; } = 300;

    public Uri? Corpus { get; init; }

    public string? Questions { get; init; }

    public int MaxPages { get; init; } = 1000;

    public int MaxDepth { get; init; } = 20;

    public TimeSpan IngestTimeout { get; init; } = TimeSpan.FromMinutes(15);

    public Uri? Server { get; init; }

    public string? AdminKey { get; init; }

    /// <summary>eval with --server: ask this bot, already holding the corpus, instead of crawling into a new one.</summary>
    public string? Bot { get; init; }

    public string? JsonPath { get; init; }

    public string? TextCorpus { get; init; }

    /// <summary>eval: also ask the questions in conversations of this many consecutive questions; 0 does not.</summary>
    public int Conversations { get; init; }

    /// <summary>eval: follow-up pairs (JSON Lines: id, first, question, gold_pages, answer_keywords, kind) to ask and score.</summary>
    public string? Followups { get; init; }

    /// <summary>eval: questions the site does not answer, to count the honest fallbacks.</summary>
    public string? Unanswerable { get; init; }

    /// <summary>eval-diff: the two <c>--json</c> result files, A then B.</summary>
    public IReadOnlyList<string> DiffFiles { get; init; } = [];

    /// <summary>An Npgsql connection string: run Parley on PostgreSQL (an empty database) instead of SQLite.</summary>
    public string? Postgres { get; init; }

    /// <summary>Parley servers over the one PostgreSQL database (chat): the load is spread over them in turn.</summary>
    public int Replicas { get; init; } = 1;

    /// <summary>A Redis for Parley's rate limits and turn locks, as replicas use.</summary>
    public string? Redis { get; init; }

    /// <summary>Server settings given with <c>--set KEY=VALUE</c>, applied on top of the bench's own (eval).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The storage settings the chosen backend needs, on top of a host's own.</summary>
    public Dictionary<string, string> BackendSettings(Dictionary<string, string> settings)
    {
        if (Postgres is not null)
        {
            settings["Parley:Storage:Provider"] = "postgres";
            settings["Parley:Storage:ConnectionString"] = Postgres;
        }

        if (Redis is not null)
            settings["Parley:Redis:Connection"] = Redis;
        foreach (var (key, value) in Settings)
            settings[key] = value;
        return settings;
    }

    public const string Usage = """
        usage: Parley.Bench chat [options]    Parley against a bare endpoint: the table
               Parley.Bench default-turn [options]   the default configuration (local embeddings, offline generator):
                                              chat beside the knowledge search API on one server and bot
               Parley.Bench steps [options]   where a turn's time goes, step by step
               Parley.Bench eval --corpus URL --questions FILE [options]   retrieval quality on a crawled site
               Parley.Bench eval-diff A.json B.json  the questions whose cited hit@1, retrieval rank, keywords
                                              or fallback changed between two eval --json files
               Parley.Bench retrieval         search time of the in-memory indexes at 10k and 100k chunks
                                              (with --postgres: beside PostgreSQL's GIN and HNSW search)
               Parley.Bench backends --postgres CONNECTION [--redis CONFIGURATION]
                                              chat turns/s on SQLite, PostgreSQL with 1 and 2 replicas
               Parley.Bench calibrate         cosine levels of each local embedding model on related and unrelated pairs
               Parley.Bench grouping          how each model (and words) groups a fixed set of visitor questions by meaning
               Parley.Bench insights [--postgres CONNECTION]   the insights endpoint's time at 100,000 stored messages
               Parley.Bench qa-threshold      saved answers given and missed per qa_match_threshold, per local model and by words
          --warmup SECONDS          warm-up before each measured window (default 3)
          --duration SECONDS        measured window per row (default 10)
          --concurrency LIST        visitors in flight, e.g. 1,32 (default 1,32)
          --sources N               text sources on the bot (default 200)
          --chunks-per-source N     chunks per source (default 50; 200 x 50 = 10,000 chunks)
          --targets LIST            parley, bare or both (default parley,bare)
          --generator NAME          chat, steps, backends: instant (a fixed answer at once; default) or offline, the
                                    server's own extractive generator quoting the passages (embeddings stay off)
          --iterations N            steps: questions timed step by step (default 300)
          --corpus URL              eval: the start page of the site to crawl
          --questions FILE          eval: the questions, JSON Lines (id, question, gold_pages, answer_keywords, kind)
          --max-pages N             eval: pages the crawl may fetch (default 1000)
          --max-depth N             eval: links the crawl may follow from the start page (default 20)
          --ingest-timeout SECONDS  eval: how long the crawl may take (default 900)
          --server URL              eval: a running Parley to evaluate instead of one in this process
          --admin-key KEY           eval: that server's admin key (default: PARLEY_ADMIN_KEY)
          --bot ID                  eval with --server: ask this bot, which already holds the corpus, without crawling
          --json FILE               eval: also write every result to FILE
          --conversations N         eval: also ask the questions in conversations of N consecutive questions
                                    and compare with asking each alone
          --followups FILE          eval: also ask each pair (first, question) in one conversation and score the follow-up
          --unanswerable FILE       eval: also ask questions the site does not answer and count the honest fallbacks
          --postgres CONNECTION     chat, steps, eval, retrieval, backends: run on PostgreSQL (an empty database; Npgsql connection string)
          --redis CONFIGURATION     chat, steps, backends: Parley's rate limits and turn locks in this Redis
          --set KEY=VALUE           eval: a server setting, e.g. --set Parley:Embeddings:Model=arctic-xs (repeatable)
          --replicas N              chat, with --postgres: N Parley servers in this process over the one database,
                                    each request sent to the next (default 1)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
            options = options with { Command = args[i++] };

        // The one command whose arguments are files, not options.
        if (options.Command == "eval-diff")
        {
            return args.Length == 3
                ? options with { DiffFiles = [args[1], args[2]] }
                : throw new ArgumentException("eval-diff needs two result files: eval-diff A.json B.json.");
        }

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
                "--generator" when value is "instant" or "offline" => options with { Generator = value },
                "--generator" => throw new ArgumentException($"--generator is instant or offline, not '{value}'."),
                "--iterations" => options with { Iterations = int.Parse(value, CultureInfo.InvariantCulture) },
                "--corpus" => options with { Corpus = AbsoluteUrl(args[i], value) },
                "--questions" => options with { Questions = value },
                "--max-pages" => options with { MaxPages = int.Parse(value, CultureInfo.InvariantCulture) },
                "--max-depth" => options with { MaxDepth = int.Parse(value, CultureInfo.InvariantCulture) },
                "--ingest-timeout" => options with { IngestTimeout = Seconds(value) },
                "--server" => options with { Server = AbsoluteUrl(args[i], value) },
                "--admin-key" => options with { AdminKey = value },
                "--bot" => options with { Bot = value },
                "--json" => options with { JsonPath = value },
                "--conversations" => options with { Conversations = AtLeastOne(args[i], value) },
                "--followups" => options with { Followups = value },
                "--unanswerable" => options with { Unanswerable = value },
                "--postgres" => options with { Postgres = value },
                "--redis" => options with { Redis = value },
                "--replicas" => options with { Replicas = int.Parse(value, CultureInfo.InvariantCulture) },
                "--set" => options with { Settings = WithSetting(options.Settings, value) },
                // Not in the usage: the fallback that posts a folder of HTML pages as text sources, until crawling ships.
                "--text-corpus" => options with { TextCorpus = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        if (options.Bot is not null && options.Server is null)
            throw new ArgumentException("--bot needs --server: the bot lives on a running Parley.");
        if (options.Replicas > 1 && options.Postgres is null)
            throw new ArgumentException("--replicas needs --postgres: replicas share one PostgreSQL database.");
        return options;
    }

    private static Dictionary<string, string> WithSetting(IReadOnlyDictionary<string, string> settings, string setting)
    {
        var equals = setting.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new ArgumentException($"--set needs KEY=VALUE, not '{setting}'.");
        return new Dictionary<string, string>(settings) { [setting[..equals]] = setting[(equals + 1)..] };
    }

    private static Uri AbsoluteUrl(string option, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new ArgumentException($"{option} needs an absolute http or https URL, not '{value}'.");

    private static int AtLeastOne(string option, string value) =>
        int.Parse(value, CultureInfo.InvariantCulture) is var number and >= 1
            ? number
            : throw new ArgumentException($"{option} needs a number of 1 or more, not '{value}'.");

    private static TimeSpan Seconds(string value) => TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
