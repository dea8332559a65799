using System.Globalization;
using Parley.Bench.Eval.Conversations;
using Parley.Bench.Eval.Followups;
using Parley.Bench.Eval.Unanswerable;
using Parley.Bench.Hosting;

namespace Parley.Bench.Eval;

/// <summary>
/// The <c>eval</c> command: Parley (in this process with its real generator, or a running server) gets a public bot
/// that crawls a documentation site, every question is asked through the public Chat API in a new session, and the
/// citations and answers are scored against the questions' gold pages and keywords. On the same bot it can then ask
/// the questions again in conversations, follow-up pairs, and questions nothing answers.
/// </summary>
internal static class RetrievalEval
{
    /// <summary>Citations to score: hit@10 and MRR@10 need ten, and the server cites at most this many passages.</summary>
    private const int MaxPassages = QuestionResult.Depth;

    private static readonly Uri DefaultTextCorpusSite = new("http://127.0.0.1:8099/index.html");

    public static async Task<int> RunAsync(BenchOptions options, TextWriter output)
    {
        EvalSets sets;
        try
        {
            sets = EvalSets.Read(options);
            if (options.Corpus is null && options.TextCorpus is null && options.Bot is null)
                throw new ArgumentException("eval needs --corpus URL, the start page of the site to crawl (or --bot ID, a bot already holding it).");
            if (options.Server is not null && AdminKey(options) is null)
                throw new ArgumentException("eval --server needs --admin-key KEY (or PARLEY_ADMIN_KEY).");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            if (e is ArgumentException)
                Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        output.WriteLine(Machine.Describe());
        ParleyHost? host = null;
        try
        {
            if (options.Server is null)
            {
                host = ParleyHost.Start(instantGenerator: false, options.BackendSettings(new Dictionary<string, string>
                {
                    ["Parley:Retrieval:MaxPassages"] = MaxPassages.ToString(CultureInfo.InvariantCulture),
                    // The corpus is usually served from this machine, which the crawler refuses by default.
                    ["Parley:Knowledge:AllowPrivateNetworks"] = "true",
                }));
            }

            var baseAddress = host?.BaseAddress ?? options.Server!;
            var target = host is null ? $"Parley at {baseAddress}" : $"Parley in this process at {baseAddress} (MaxPassages {MaxPassages})";
            var run = await EvaluateAsync(options, sets, baseAddress, host is null ? AdminKey(options)! : ParleyHost.AdminKey, target, host is null ? null : MaxPassages, output);
            EvalReport.Print(run, output);
            if (run.Conversations is { } conversations)
                ConversationReport.Print(conversations, run.Results, output);
            if (run.Followups is { } followups)
                FollowupReport.Print(followups, output);
            if (run.Unanswerable is { } unanswerable)
                UnanswerableReport.Print(unanswerable, output);
            if (host is not null)
                await ModelBaseline.PrintAsync(host.Services, run.BotId, run.Ingestion, output);
            if (options.JsonPath is { } path)
            {
                await EvalResultsFile.WriteAsync(run, path);
                output.WriteLine($"\nWrote every result to {path}.");
            }

            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            Console.Error.WriteLine($"eval failed: {e.Message}");
            return 1;
        }
        finally
        {
            if (host is not null)
                await host.DisposeAsync();
        }
    }

    private static async Task<EvalRun> EvaluateAsync(
        BenchOptions options, EvalSets sets, Uri baseAddress, string adminKey, string target, int? maxPassages, TextWriter output)
    {
        using var admin = new BotProvisioner(baseAddress, adminKey);
        await admin.WaitUntilReadyAsync();
        var botId = options.Bot ?? (await admin.CreateBotAsync("Retrieval eval")).BotId;
        output.WriteLine($"{target}: public bot {botId}.");

        var ingestion = options.Bot is not null ? IngestionResult.Reused
            : options.TextCorpus is { } directory
            ? await TextCorpusIngestion.RunAsync(admin, botId, directory, options.Corpus ?? DefaultTextCorpusSite, output)
            : await CrawlIngestion.RunAsync(admin, botId, options.Corpus!, options.MaxPages, options.MaxDepth, options.IngestTimeout, output);

        var questions = sets.Questions;
        output.WriteLine($"Asking {questions.Count} questions from {options.Questions}, each in a new session:");
        using var chat = new PublicChat(baseAddress);
        var results = new List<QuestionResult>();
        foreach (var question in questions)
        {
            var answer = await chat.AskAsync(botId, question.Question, $"eval-{question.Id}-{Guid.NewGuid():N}");
            var retrieved = await admin.SearchPagesAsync(botId, question.Question, QuestionResult.Depth);
            results.Add(QuestionResult.Score(question, answer, retrieved));
            if (results.Count % 10 == 0 || results.Count == questions.Count)
                output.WriteLine($"  {results.Count}/{questions.Count} answered");
        }

        return new EvalRun(target, options.Questions!, maxPassages, ingestion, results)
        {
            BotId = botId,
            Conversations = options.Conversations > 0 ? await ConversationRun.AskAsync(chat, botId, questions, options.Conversations, output) : null,
            Followups = sets.Followups is { } pairs ? await FollowupRun.AskAsync(chat, botId, options.Followups!, pairs, output) : null,
            Unanswerable = sets.Unanswerable is { } unanswerable ? await UnanswerableRun.AskAsync(chat, botId, options.Unanswerable!, unanswerable, output) : null,
        };
    }

    private static string? AdminKey(BenchOptions options) =>
        options.AdminKey ?? (Environment.GetEnvironmentVariable("PARLEY_ADMIN_KEY") is { Length: > 0 } key ? key : null);
}
