using System.Net.Http.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Hosting;

/// <summary>
/// The demo bot answers what a newcomer asks first, offline: the printed curl's question and each of its suggested
/// questions (read from the widget's public settings, as the widget shows them) get the section of Parley's own
/// documentation that answers them, quoted with what that section shows.
/// </summary>
[Collection(DemoSeedingCollection.Name)]
public sealed class DemoBotAnswersTests(DemoBotAnswersTests.DemoServers servers) : IClassFixture<DemoBotAnswersTests.DemoServers>
{
    /// <summary>Each suggested question, the section its first citation must point at, and what the answer must quote.</summary>
    public static TheoryData<string, string, string, string> Expected => new()
    {
        { "local", "How do I embed the chat widget on my site?", "widget.md#how-do-i-embed-the-widget", "<script src=\"https://HOST/widget.js\" data-bot-id=\"BOT_ID\" async></script>" },
        { "none", "How do I embed the chat widget on my site?", "widget.md#how-do-i-embed-the-widget", "<script src=\"https://HOST/widget.js\" data-bot-id=\"BOT_ID\" async></script>" },
        { "local", "How do I add my website to a bot?", "knowledge.md#how-do-i-add-my-website", "\"type\": \"sitemap\"" },
        { "local", "How do I use an OpenAI-compatible or local model?", "getting-started.md#which-language-models-can-parley-use-and-how-do-i-use-an-openai-compatible-or-local-model", "Parley__Model__BaseUrl=http://127.0.0.1:11434/v1" },
        { "local", "How do I set a rate limit on a bot?", "bots-and-settings.md#rate-limits", "\"rate_limit\": {\"max_messages\": 20, \"window_seconds\": 60}" },
        { "local", "What happens when a workspace runs out of credits?", "credits-and-trials.md#what-happens-when-a-workspace-runs-out-of-credits", "service_unavailable" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Each_suggested_question_is_answered_from_the_section_that_answers_it(string embeddings, string question, string section, string quoted)
    {
        var (app, botId) = await servers.GetAsync(embeddings);

        using var anonymous = app.NewHttpClient();
        var widget = await anonymous.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v1/public/bots/{botId}/widget");
        var suggested = widget.GetProperty("suggested_questions").EnumerateArray().Select(q => q.GetString()).ToList();
        Assert.Contains(question, suggested);

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

        Assert.Contains(quoted, answer.Text, StringComparison.Ordinal);
        Assert.EndsWith("/docs/" + section, answer.Citations![0].SourceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_about_several_servers_the_demo_bot_points_to_postgresql_and_redis()
    {
        var (app, botId) = await servers.GetAsync("local");

        var answer = await app.PublicChat().AskAsync(new ChatRequest(botId, "Can I run several servers?", ChatStreams.NewSession()));

        Assert.StartsWith("Yes", answer.Text, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Redis", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("not yet", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("planned", answer.Text, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("/docs/faq.md#can-i-run-several-parley-servers-for-more-traffic", answer.Citations![0].SourceUrl, StringComparison.Ordinal);
    }

    /// <summary>One server with the demo bot per embedding setting, shared by the class: seeding it embeds every page of the docs.</summary>
    public sealed class DemoServers : IAsyncDisposable
    {
        private readonly Dictionary<string, (ParleyApp App, string BotId)> _started = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public async Task<(ParleyApp App, string BotId)> GetAsync(string embeddings)
        {
            await _gate.WaitAsync();
            try
            {
                if (_started.TryGetValue(embeddings, out var known))
                    return known;
                var app = await ParleyApp.StartAsync(a => a.With("Parley:DemoBot:Enabled", "true").With("Parley:Embeddings:Provider", embeddings));
                using var admin = app.Admin();
                var botId = (await admin.GetAsync("/v1/bots")).EnumerateArray().Single().GetProperty("id").GetString()!;
                await WaitUntilIndexedAsync(admin, botId, embedded: embeddings != "none");
                return _started[embeddings] = (app, botId);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (app, _) in _started.Values)
                await app.DisposeAsync();
            _gate.Dispose();
        }
    }

    /// <summary>The demo's pages are stored at start-up and embedded in the background: a visitor asks once both are done.</summary>
    private static async Task WaitUntilIndexedAsync(AdminApi admin, string botId, bool embedded)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var stored = (await admin.GetAsync($"/v1/bots/{botId}/sources")).EnumerateArray().Sum(s => s.GetProperty("chunks").GetInt32());
            var knowledge = await admin.GetAsync($"/v1/bots/{botId}/knowledge");
            var chunks = knowledge.GetProperty("chunks").GetInt32();
            if (chunks > 0 && chunks == stored && (!embedded || knowledge.GetProperty("embedded_chunks").GetInt32() == chunks))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"The demo bot's knowledge was not indexed in time: {knowledge}");
            await Task.Delay(200);
        }
    }
}
