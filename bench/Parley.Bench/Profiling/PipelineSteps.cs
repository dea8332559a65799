using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Parley.Bench.Load;
using Parley.Core.Bots;
using Parley.Core.Conversations;
using Parley.Core.Knowledge;
using Parley.Core.Workspaces;
using Parley.Server.Chat;
using Parley.Server.Chat.Generation;
using Parley.Server.Knowledge;

namespace Parley.Bench.Profiling;

/// <summary>
/// Where a turn's time goes: calls each step of Parley's chat pipeline directly on the running server's own
/// services, in the order a turn runs them, and times it; then measures whole turns over HTTP so the steps
/// can be set against the total.
/// </summary>
internal static class PipelineSteps
{
    private const int WarmupIterations = 100;
    private const int Candidates = 24;

    public static async Task RunAsync(BenchOptions options, TextWriter output)
    {
        await using var setup = await BenchSetup.StartAsync(options, output);
        var services = setup.Parley.Services;
        var bots = services.GetRequiredService<IBotStore>();
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var knowledge = services.GetRequiredService<IKnowledgeStore>();
        var conversations = services.GetRequiredService<IConversationStore>();
        var retriever = services.GetRequiredService<KnowledgeRetriever>();
        var bot = (await bots.GetAsync(setup.BotId))!;
        await using var index = new SqliteConnection($"Data Source={Path.Combine(setup.Parley.DataDirectory, "parley.db")};Mode=ReadOnly");
        index.Open();

        // Whole turns first, until the JIT is done with every method a turn runs, so no step pays for compiling.
        using var target = new ChatTarget("parley", setup.Parley.BaseAddress, setup.BotId);
        using var allocations = new AllocationMeter();
        var (warmedIn, methods) = await JitWarmup.RunAsync([target], setup.Questions, allocations, 4, TimeSpan.FromSeconds(60));
        output.WriteLine($"JIT warm-up: {methods:N0} methods compiled in {warmedIn.TotalSeconds:F0} s of traffic.");

        var timings = new StepTimings();
        var matched = new List<long>();
        var hits = new List<int>();
        for (var i = 0; i < WarmupIterations + options.Iterations; i++)
        {
            timings.Recording = i >= WarmupIterations;
            var question = setup.Questions.Next();
            var request = await timings.TimeAsync("read + validate request JSON (ChatRequestReader)", () => ReadRequestAsync(setup.BotId, question));
            await timings.TimeAsync("bot lookup (IBotStore.GetAsync: SQLite + JSON)", () => bots.GetAsync(request.BotId));
            await timings.TimeAsync("workspace lookup (IWorkspaceStore.GetAsync)", () => workspaces.GetAsync(setup.WorkspaceId));
            await timings.TimeAsync("reserve credit (write transaction)", () => workspaces.TryReserveCreditsAsync(setup.WorkspaceId, 1));

            var terms = QueryTerms.Extract(request.Message);
            var found = await timings.TimeAsync("FTS search: 24 candidates (IKnowledgeStore.SearchAsync)", () => knowledge.SearchAsync(bot.Id, terms, Candidates));
            var passages = await timings.TimeAsync("retrieval: search + coverage scoring (KnowledgeRetriever)", () => retriever.RetrieveAsync(bot.Id, request.Message, [], CancellationToken.None));
            var prompt = timings.Time("prompt (PromptBuilder.Build)", () => PromptBuilder.Build(bot, passages, [], request.Message));
            await timings.TimeAsync("save turn: conversation + 2 messages (write transaction)", () => SaveTurnAsync(conversations, bot, passages, request, prompt.Count));
            matched.Add(timings.Time("for reference: FTS match count only (no ranking, no join)", () => CountMatches(index, bot.Id, terms)));
            hits.Add(found.Count);
        }

        output.WriteLine();
        output.WriteLine($"Pipeline steps, one call at a time, {options.Iterations} varied questions after {WarmupIterations} warm-up ones (ms; CPU = this thread's own CPU time):");
        timings.Print(output);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Chunks matching a question's terms: mean {matched.Average():F0} of 10,000-ish, median {Percentile.Of(matched.Select(m => (double)m).Order().ToList(), 50):F0}; candidates returned: mean {hits.Average():F1}."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Coverage scoring alone (retrieval minus search): ~{timings.MeanCpuMs("retrieval: search + coverage scoring (KnowledgeRetriever)") - timings.MeanCpuMs("FTS search: 24 candidates (IKnowledgeStore.SearchAsync)"):F3} ms CPU."));

        var whole = await new LoadPhase(target, setup.Questions, allocations).RunAsync(1, options.Warmup, options.Duration);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whole turns over HTTP at c=1 for comparison: {whole.TurnsPerSecond:F1} turns/s, p50 TTFC {whole.FirstContentPercentile(50):F2} ms, " +
            $"{whole.CpuMsPerTurn:F3} ms process CPU per turn (client included), {whole.AllocatedKbPerTurn:F1} KB allocated per turn; load average {Machine.LoadAverage()}."));
    }

    private static async Task<ChatRequest> ReadRequestAsync(string botId, string question)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"bot_id":"{{botId}}","message":{{System.Text.Json.JsonSerializer.Serialize(question)}},"session_id":"bench-steps"}""");
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(body);
        http.Request.ContentLength = body.Length;
        var (request, error) = await ChatRequestReader.ReadAsync(http.Request, CancellationToken.None);
        return request ?? throw new InvalidOperationException(error!.Message);
    }

    /// <summary>The turn as <c>ChatTurnRunner</c> stores it: a new conversation, the question, the answer with its citations.</summary>
    private static Task SaveTurnAsync(IConversationStore conversations, Bot bot, IReadOnlyList<Passage> passages, ChatRequest request, int promptMessages)
    {
        var now = DateTimeOffset.UtcNow;
        var conversation = new Conversation(Guid.CreateVersion7().ToString(), bot.Id, request.SessionId, now, now);
        var question = new Message(Guid.CreateVersion7().ToString(), conversation.Id, MessageRole.User, request.Message, [], false, now);
        var citations = passages.Select(p => new Citation(p.PageTitle, p.Url, p.SourceId, p.Score, FromWebSearch: false)).ToList();
        var answer = new Message(Guid.CreateVersion7().ToString(), conversation.Id, MessageRole.Assistant,
            string.Concat(Hosting.InstantChatClient.Pieces), citations, false, now);
        return conversations.SaveTurnAsync(new Turn(conversation, question, answer, new TurnUsage(promptMessages * 100, 40, 1)));
    }

    /// <summary>How many chunks the search's MATCH expression selects, before ranking: the size of its work.</summary>
    private static long CountMatches(SqliteConnection index, string botId, IReadOnlyList<string> terms)
    {
        if (terms.Count == 0)
            return 0;
        using var command = index.CreateCommand();
        command.CommandText = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH $match";
        var ors = string.Join(" OR ", terms.Select(t => $"\"{t.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        command.Parameters.AddWithValue("$match", $"bot : \"{botId.Replace("-", "", StringComparison.Ordinal)}\" AND ({ors})");
        return (long)command.ExecuteScalar()!;
    }
}
