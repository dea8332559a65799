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
using Parley.Server.Chat.Generation.Extractive;
using Parley.Server.Knowledge;
using Parley.Server.Knowledge.Embeddings;

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
        var conversations = services.GetRequiredService<IConversationStore>();
        var retriever = services.GetRequiredService<KnowledgeRetriever>();
        var bot = (await bots.GetAsync(setup.BotId))!;
        var meaningBar = MeaningBar.On(services.GetRequiredService<ChunkEmbedder>().ModelOf(bot).Scale);

        // Whole turns first, until the JIT is done with every method a turn runs, so no step pays for compiling.
        using var target = new ChatTarget("parley", setup.Parley.BaseAddress, setup.BotId);
        using var allocations = new AllocationMeter();
        var (warmedIn, methods) = await JitWarmup.RunAsync([target], setup.Questions, allocations, 4, TimeSpan.FromSeconds(60));
        output.WriteLine($"JIT warm-up: {methods:N0} methods compiled in {warmedIn.TotalSeconds:F0} s of traffic.");

        var store = options.Postgres is null ? "SQLite" : "PostgreSQL";
        var search = options.Postgres is null ? "in-memory BM25 + coverage" : "PostgreSQL GIN candidates + BM25 + coverage";
        var timings = new StepTimings();
        for (var i = 0; i < WarmupIterations + options.Iterations; i++)
        {
            timings.Recording = i >= WarmupIterations;
            var question = setup.Questions.Next();
            var request = await timings.TimeAsync("read + validate request JSON (ChatRequestReader)", () => ReadRequestAsync(setup.BotId, question));
            await timings.TimeAsync($"bot lookup (IBotStore.GetAsync: {store} + JSON)", () => bots.GetAsync(request.BotId));
            await timings.TimeAsync("workspace lookup (IWorkspaceStore.GetAsync)", () => workspaces.GetAsync(setup.WorkspaceId));
            var reservation = new CreditReservation(Guid.CreateVersion7().ToString(), setup.WorkspaceId, 1, DateTimeOffset.UtcNow.AddMinutes(1));
            await timings.TimeAsync("reserve credit (write transaction)", () => workspaces.TryReserveCreditsAsync(reservation));

            var passages = await timings.TimeAsync($"retrieval: {search} (KnowledgeRetriever)", () => retriever.RetrieveAsync(bot, request.Message, [], CancellationToken.None));
            var prompt = timings.Time("prompt (PromptBuilder.Build)", () => PromptBuilder.Build(bot, passages, [], request.Message));
            // What the offline generator does with the prompt (chat --generator offline); the instant one costs nothing.
            timings.Time("offline answer (ExtractiveAnswer.Compose)", () => ExtractiveAnswer.Compose(request.Message, null, passages, meaningBar));
            await timings.TimeAsync("save turn: conversation + 2 messages (write transaction)", () => SaveTurnAsync(conversations, bot, passages, request, prompt.Count));
            await timings.TimeAsync("settle credit (write transaction)", () => workspaces.SettleCreditsAsync(reservation.Id, 1));
        }

        output.WriteLine();
        output.WriteLine($"Pipeline steps, one call at a time, {options.Iterations} varied questions after {WarmupIterations} warm-up ones (ms; CPU = this thread's own CPU time):");
        timings.Print(output);

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
}
