using System.Text.Json;
using Parley.Client;
using Parley.Server.Chat.Generation;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// Tokens read and written are recorded on each answer, and credits follow the documented rule:
/// PerMessage + input/1000 × PerThousandInputTokens + output/1000 × PerThousandOutputTokens, with the most a
/// turn could cost reserved up front so that no number of concurrent turns overdraws a balance.
/// </summary>
public class UsageAndCostTests : ParleyTest
{
    // The bot reads at most 4,000 tokens and writes at most 500; a follow-up rewrite at most 1,500 and 100.
    // Upper bound: 0.5 + (4,000 + 1,500) / 1000 × 1 + (500 + 100) / 1000 × 2 = 7.2 credits.
    private const decimal Reserved = 7.2m;

    private FakeOpenAIChat _vendor = null!;

    public override async Task InitializeAsync()
    {
        _vendor = await FakeOpenAIChat.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _vendor.DisposeAsync();
    }

    protected override void Configure(ParleyApp app) => app
        .With("Parley:Model:AllowPrivateNetworks", "true")
        .With("Parley:Credits:PerMessage", "0.5")
        .With("Parley:Credits:PerThousandInputTokens", "1")
        .With("Parley:Credits:PerThousandOutputTokens", "2");

    [Fact]
    public async Task An_answer_is_charged_per_message_plus_its_reported_tokens()
    {
        _vendor.Default = new VendorReply { Pieces = ["Five business days [1]."], InputTokens = 1000, OutputTokens = 500 };
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await CreateBotAsync(workspace);

        var done = Assert.IsType<DoneEvent>((await Ask(botId))[^1]);

        // 0.5 + 1000/1000 × 1 + 500/1000 × 2
        Assert.Equal(97.5m, await CreditsAsync(workspace));
        var usage = await UsageAsync(done.ConversationId);
        Assert.Equal(1000, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(500, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(2.5m, usage.GetProperty("credits").GetDecimal());
    }

    [Fact]
    public async Task Without_reported_usage_the_tokens_are_counted_with_the_tokenizer_and_charged_alike()
    {
        const string answer = "Refunds reach your original payment method within five business days [1].";
        _vendor.Default = new VendorReply { Pieces = [answer], ReportsUsage = false };
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await CreateBotAsync(workspace);

        var done = Assert.IsType<DoneEvent>((await Ask(botId))[^1]);

        var usage = await UsageAsync(done.ConversationId);
        var input = usage.GetProperty("input_tokens").GetInt32();
        var output = usage.GetProperty("output_tokens").GetInt32();
        Assert.Equal(TokenCounter.Count(answer), output);
        var prompt = _vendor.Requests.Single().Messages;
        Assert.InRange(input, prompt.Sum(m => TokenCounter.Count(m.Text)), prompt.Sum(m => TokenCounter.Count(m.Text) + 8));
        var expected = Math.Ceiling((0.5m + (input / 1000m) + (output * 2 / 1000m)) * 1000m) / 1000m;
        Assert.Equal(expected, usage.GetProperty("credits").GetDecimal());
        Assert.Equal(100m - expected, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task A_balance_below_the_upper_bound_is_refused_before_the_model_is_called()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: Reserved - 0.001m);
        var botId = await CreateBotAsync(workspace);

        var events = await Ask(botId);

        Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(Assert.Single(events)).Error);
        Assert.Empty(_vendor.Requests);
        Assert.Equal(Reserved - 0.001m, await CreditsAsync(workspace));
    }

    [Fact]
    public async Task Concurrent_answers_priced_by_tokens_never_overdraw_and_each_keeps_only_its_actual_cost()
    {
        _vendor.Default = new VendorReply { Pieces = ["Five ", "business ", "days [1]."], InputTokens = 1000, OutputTokens = 500, Pace = TimeSpan.FromMilliseconds(60) };
        var workspace = await Admin.CreateWorkspaceAsync(credits: 20);
        var botId = await CreateBotAsync(workspace);

        var streams = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Ask(botId)));

        var answered = streams.Count(s => s[^1] is DoneEvent);
        Assert.True(answered >= 2, $"Two turns' reservations fit in 20 credits; {answered} answered.");
        Assert.All(streams.Where(s => s[^1] is not DoneEvent), s => Assert.Equal("service_unavailable", Assert.IsType<ErrorEvent>(s[^1]).Error));
        var balance = await CreditsAsync(workspace);
        Assert.True(balance >= 0);
        Assert.Equal(20m - (2.5m * answered), balance);
    }

    [Fact]
    public async Task An_interrupted_answer_records_its_tokens_but_is_not_charged()
    {
        _vendor.Default = new VendorReply { Pieces = ["Refunds ", "take ", "five ", "days."], DropAfter = 2 };
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await CreateBotAsync(workspace);

        await Ask(botId);

        Assert.Equal(100m, await CreditsAsync(workspace));
        var conversation = (await Admin.GetAsync($"/v1/bots/{botId}/conversations"))[0].GetProperty("id").GetString()!;
        var usage = await UsageAsync(conversation);
        Assert.Equal(0m, usage.GetProperty("credits").GetDecimal());
        Assert.Equal(TokenCounter.Count("Refunds take "), usage.GetProperty("output_tokens").GetInt32());
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task The_offline_generator_is_charged_by_the_same_rule_from_its_own_token_counts()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "extractive" } }, workspace);

        var done = Assert.IsType<DoneEvent>((await Ask(botId))[^1]);

        var usage = await UsageAsync(done.ConversationId);
        var input = usage.GetProperty("input_tokens").GetInt32();
        var output = usage.GetProperty("output_tokens").GetInt32();
        Assert.True(input > 0 && output > 0, usage.GetRawText());
        var expected = Math.Ceiling((0.5m + (input / 1000m) + (output * 2 / 1000m)) * 1000m) / 1000m;
        Assert.Equal(expected, usage.GetProperty("credits").GetDecimal());
        Assert.Equal(100m - expected, await CreditsAsync(workspace));
        Assert.Empty(_vendor.Requests);
    }

    private Task<List<ChatEvent>> Ask(string botId) =>
        App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

    private Task<string> CreateBotAsync(string workspaceId) => Admin.CreateKnowledgeableBotAsync(
        new { model = new { provider = "openai", base_url = _vendor.BaseUrl, api_key = "sk-test", model = "gpt-test", max_tokens = 500, context_tokens = 4000 } },
        workspaceId);

    private async Task<decimal> CreditsAsync(string workspaceId) =>
        (await Admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();

    private async Task<JsonElement> UsageAsync(string conversationId) =>
        (await Admin.GetAsync($"/v1/conversations/{conversationId}")).GetProperty("messages")[1].GetProperty("usage");
}
