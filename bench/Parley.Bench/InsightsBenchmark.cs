using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Parley.Bench.Calibration;
using Parley.Bench.Hosting;
using Parley.Core.Conversations;
using Parley.Core.Insights;

namespace Parley.Bench;

/// <summary>
/// The <c>insights</c> command: <c>GET /v1/bots/{id}/insights</c> and its CSV export at 100,000 stored messages. One bot's
/// visitors asked 50,000 questions (100,000 messages with the answers) in 10,000 conversations over the last 90 days,
/// worded from <see cref="GroupingQuestions"/> with variations; answers have a realistic mix of outcomes and one in ten
/// a vote. Another bot holds as many messages again, so the reads must find one bot's among others'. The turns are stored
/// through the server's own store, then the grouping worker groups every question (by words: embeddings are off, as in
/// the other benchmarks), and then each range is read many times over HTTP, one request at a time.
/// </summary>
internal static class InsightsBenchmark
{
    private const int Conversations = 10_000;
    private const int TurnsPerConversation = 5;
    private const int Days = 90;
    private const int Warmup = 5;
    private const int Runs = 50;
    private const int CsvRuns = 5;

    public static async Task RunAsync(BenchOptions options, TextWriter output)
    {
        output.WriteLine(Machine.Describe());
        var settings = options.BackendSettings(new Dictionary<string, string> { ["Parley:Embeddings:Provider"] = "none" });
        await using var parley = ParleyHost.Start(settings: settings);
        using var provisioner = new BotProvisioner(parley.BaseAddress, ParleyHost.AdminKey);
        await provisioner.WaitUntilReadyAsync();
        var (_, botId) = await provisioner.CreateBotAsync("Insights bench bot");
        var (_, otherBotId) = await provisioner.CreateBotAsync("Another bot");

        var clock = Stopwatch.StartNew();
        var today = DateTimeOffset.UtcNow;
        var store = parley.Services.GetRequiredService<IConversationStore>();
        var feedback = parley.Services.GetRequiredService<IFeedbackStore>();
        await SeedAsync(store, feedback, otherBotId, today, seed: 2);
        var messages = await SeedAsync(store, feedback, botId, today, seed: 1);
        output.WriteLine($"Storage: {(options.Postgres is null ? "SQLite" : "PostgreSQL")}. Stored {messages:N0} messages of bot {botId} " +
            $"(and as many of another bot) in {clock.Elapsed.TotalSeconds:F0} s.");

        clock.Restart();
        var groups = parley.Services.GetRequiredService<IQuestionGroupStore>();
        while ((await groups.ListUngroupedAsync(0, 1)).Count > 0)
            await Task.Delay(500);
        output.WriteLine($"Every question grouped by the worker {clock.Elapsed.TotalSeconds:F0} s later.");

        using var http = new HttpClient { BaseAddress = parley.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ParleyHost.AdminKey);
        var day = DateOnly.FromDateTime(today.UtcDateTime);
        var rows = new List<(string Name, double[] Ms, double CpuMs, long Bytes)>
        {
            await MeasureAsync(http, "insights, last 30 days (default)", $"/v1/bots/{botId}/insights", Runs),
            await MeasureAsync(http, $"insights, all {Days} days", $"/v1/bots/{botId}/insights?from={day.AddDays(-Days):yyyy-MM-dd}&to={day:yyyy-MM-dd}", Runs),
            await MeasureAsync(http, "insights, one day", $"/v1/bots/{botId}/insights?from={day.AddDays(-3):yyyy-MM-dd}&to={day.AddDays(-3):yyyy-MM-dd}", Runs),
            await MeasureAsync(http, $"questions.csv, all {Days} days", $"/v1/bots/{botId}/insights/questions.csv?from={day.AddDays(-Days):yyyy-MM-dd}&to={day:yyyy-MM-dd}", CsvRuns),
        };

        output.WriteLine();
        output.WriteLine($"{"request",-34} {"runs",5} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"CPU ms",8} {"KiB",7}");
        output.WriteLine(new string('-', 84));
        foreach (var (name, ms, cpu, bytes) in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-34} {ms.Length,5} {Percentile(ms, 50),8:F1} {Percentile(ms, 95),8:F1} {ms.Max(),8:F1} {cpu,8:F1} {bytes / 1024,7}"));
        }

        output.WriteLine($"Load average {Machine.LoadAverage()}. One request at a time, after {Warmup} unmeasured ones. CPU ms: this process's CPU " +
            "time per request (client and server share the process; PostgreSQL's own is not counted), which other processes on the machine do not inflate.");
    }

    /// <summary>Stores the bot's turns, a batch of conversations at a time; returns the messages stored.</summary>
    private static async Task<int> SeedAsync(IConversationStore store, IFeedbackStore feedback, string botId, DateTimeOffset now, int seed)
    {
        var wordings = GroupingQuestions.Intents.SelectMany(w => w).ToArray();
        string[] asides = ["", " please", " thanks", "?", " asap", " for my order", " (urgent)", " again"];
        var messages = 0;
        foreach (var batch in Enumerable.Range(0, Conversations).Chunk(64))
        {
            await Task.WhenAll(batch.Select(async index =>
            {
                var random = new Random((seed * Conversations) + index);
                var conversationId = Guid.CreateVersion7().ToString();
                var start = now.AddDays(-random.NextDouble() * Days);
                var conversation = new Conversation(conversationId, botId, $"visitor-{random.Next()}", start, start);
                for (var turn = 0; turn < TurnsPerConversation; turn++)
                {
                    var asked = start.AddMinutes(turn);
                    var text = wordings[random.Next(wordings.Length)] + asides[random.Next(asides.Length)];
                    var question = new Message(Guid.CreateVersion7().ToString(), conversationId, MessageRole.User, text, [], false, asked);
                    var outcome = Outcome(random.Next(100));
                    var answer = new Message(Guid.CreateVersion7().ToString(), conversationId, MessageRole.Assistant, "An answer of a few words.", [],
                        outcome is MessageOutcome.Failed or MessageOutcome.Interrupted, asked.AddSeconds(2))
                    {
                        Outcome = outcome,
                    };
                    await store.SaveTurnAsync(new Turn(conversation, question, answer, new TurnUsage(900, 60, outcome == MessageOutcome.Answered ? 1.2m : 0)));
                    if (random.Next(10) == 0)
                    {
                        await feedback.SaveAsync(new Feedback(answer.Id, conversationId, botId,
                            random.Next(3) == 0 ? FeedbackRating.Down : FeedbackRating.Up, asked.AddSeconds(30)));
                    }
                }
            }));
            messages += batch.Length * TurnsPerConversation * 2;
        }

        return messages;
    }

    private static string Outcome(int roll) => roll switch
    {
        < 80 => MessageOutcome.Answered,
        < 90 => MessageOutcome.NoKnowledge,
        < 94 => MessageOutcome.Filtered,
        < 96 => MessageOutcome.Declined,
        < 98 => MessageOutcome.Failed,
        _ => MessageOutcome.Interrupted,
    };

    private static async Task<(string, double[], double, long)> MeasureAsync(HttpClient http, string name, string path, int runs)
    {
        long bytes = 0;
        for (var i = 0; i < Math.Min(Warmup, runs); i++)
            bytes = (await GetAsync(http, path)).LongLength;
        var times = new double[runs];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await GetAsync(http, path);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        return (name, times, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs, bytes);
    }

    private static async Task<byte[]> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
