using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// What a language model is sent: the bot's prompt, the passages numbered for citing, the conversation so far,
/// all fitted to the model's context; follow-ups rewritten for retrieval by the model; and citations in
/// <c>done</c> that list only the passages the answer cited, in the order it cited them.
/// </summary>
public partial class PromptAssemblyTests : ParleyTest
{
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

    protected override void Configure(ParleyApp app) => app.With("Parley:Model:AllowPrivateNetworks", "true");

    [Fact]
    public async Task The_earlier_turns_are_sent_between_the_system_prompt_and_the_question_without_their_citation_markers()
    {
        var botId = await CreateBotAsync();
        var chat = App.PublicChat();
        _vendor.Enqueue(VendorReply.Text("Within 30 days [1]."));
        var first = await chat.AskAsync(new ChatRequest(botId, "Can I return an item?", "visitor-1"));
        _vendor.Enqueue(VendorReply.Text("A standalone question"), VendorReply.Text("Five business days [1]."));

        await chat.AskAsync(new ChatRequest(botId, "How long do refunds take?", "visitor-1", first.ConversationId));

        var answered = _vendor.Requests.Last();
        Assert.Equal(
            [("system", answered.System), ("user", "Can I return an item?"), ("assistant", "Within 30 days."), ("user", "How long do refunds take?")],
            answered.Messages);
    }

    [Fact]
    public async Task When_the_context_is_short_the_oldest_turns_go_first_and_the_passages_stay()
    {
        // 1,000 tokens of context less 100 for the answer leaves about 810 for the prompt: the two long
        // answers (about 350 tokens each) cannot both stay beside the system prompt and the question.
        var botId = await CreateBotAsync(contextTokens: 1000, maxTokens: 100);
        var chat = App.PublicChat();
        _vendor.Enqueue(VendorReply.Text(Words("alpha", 350)));
        var first = await chat.AskAsync(new ChatRequest(botId, "Can I return an item?", "visitor-2"));
        _vendor.Enqueue(VendorReply.Text("Refunds"), VendorReply.Text(Words("bravo", 350)));
        await chat.AskAsync(new ChatRequest(botId, "Is that true for kettles?", "visitor-2", first.ConversationId));
        _vendor.Enqueue(VendorReply.Text("Refunds"), VendorReply.Text("Five business days [1]."));

        await chat.AskAsync(new ChatRequest(botId, "How long do refunds take?", "visitor-2", first.ConversationId));

        var answered = _vendor.Requests.Last();
        Assert.Contains("[1] Refund policy", answered.System, StringComparison.Ordinal);
        var history = answered.Messages.Skip(1).Select(m => m.Text).ToList();
        Assert.DoesNotContain(history, text => text.Contains("alpha", StringComparison.Ordinal));
        Assert.DoesNotContain("Can I return an item?", history);
        Assert.Contains(history, text => text.Contains("bravo", StringComparison.Ordinal));
        Assert.Equal("How long do refunds take?", history[^1]);
    }

    [Fact]
    public async Task When_even_the_passages_do_not_fit_the_lowest_ranked_are_left_out()
    {
        var roomy = await CreateBotAsync(knowledge: false);
        var tight = await CreateBotAsync(contextTokens: 512, maxTokens: 100, knowledge: false);
        foreach (var botId in new[] { roomy, tight })
        {
            foreach (var (title, i) in new[] { "Descaling guide", "Descaling with vinegar", "Descaling with citric acid" }.Select((t, i) => (t, i)))
                await Admin.AddTextAsync(botId, title, $"How to descale a kettle, method {i}. " + string.Join(' ', Enumerable.Repeat($"Descale the kettle step {i} carefully.", 30)));
        }

        await App.PublicChat().CollectAsync(new ChatRequest(roomy, "How do I descale my kettle?", ChatStreams.NewSession()));
        await App.PublicChat().CollectAsync(new ChatRequest(tight, "How do I descale my kettle?", ChatStreams.NewSession()));

        var requests = _vendor.Requests.ToList();
        var all = Numbered(requests[0].System);
        var fitted = Numbered(requests[1].System);
        Assert.True(all.Count >= 2, $"The roomy bot should have been given several passages: {requests[0].System}");
        Assert.NotEmpty(fitted);
        Assert.True(fitted.Count < all.Count, $"The tight bot got {fitted.Count} of {all.Count} passages: {requests[1].System}");
        Assert.Equal(all.Take(fitted.Count), fitted);
        Assert.Equal("How do I descale my kettle?", requests[1].Messages[^1].Text);
    }

    [Theory]
    [InlineData("How much does the Team plan cost?", "Team plan")]
    [InlineData("How much does the Pro plan cost?", "Pro plan")]
    public async Task A_follow_up_is_rewritten_by_the_model_and_retrieval_searches_for_the_rewrite(string rewrite, string expectedPage)
    {
        var botId = await CreateBotAsync(knowledge: false);
        await Admin.AddTextAsync(botId, "Pro plan", "The Pro plan is for one shop owner. The Pro plan costs 29 euros a month, billed monthly.");
        await Admin.AddTextAsync(botId, "Team plan", "The Team plan is for companies with staff. The Team plan costs 99 euros a month, billed yearly.");
        var chat = App.PublicChat();
        _vendor.Enqueue(VendorReply.Text("There is a plan for every size of shop [1]."));
        var first = await chat.AskAsync(new ChatRequest(botId, "Which plans do you offer?", "visitor-3"));
        _vendor.Enqueue(VendorReply.Text(rewrite), VendorReply.Text("It costs [1]."));

        await chat.AskAsync(new ChatRequest(botId, "and how much does it cost?", "visitor-3", first.ConversationId));

        var requests = _vendor.Requests.ToList();
        var rewriting = requests[^2];
        Assert.Contains("standalone", rewriting.System, StringComparison.Ordinal);
        Assert.Contains("Which plans do you offer?", rewriting.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("There is a plan for every size of shop", rewriting.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Contains("and how much does it cost?", rewriting.Messages[^1].Text, StringComparison.Ordinal);
        Assert.Equal(100, MaxTokens(rewriting.Body));
        var answering = requests[^1];
        Assert.Contains($"[1] {expectedPage}", answering.System, StringComparison.Ordinal);
        Assert.Equal("and how much does it cost?", answering.Messages[^1].Text);
    }

    [Fact]
    public async Task A_first_question_is_not_rewritten()
    {
        var botId = await CreateBotAsync();

        await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Single(_vendor.Requests);
    }

    [Fact]
    public async Task Citations_list_only_the_cited_passages_in_order_of_first_use_and_the_text_is_renumbered_to_match()
    {
        var botId = await CreateBotAsync();
        _vendor.Responder = request =>
        {
            var shipping = NumberOf(request.System, "Shipping");
            var refunds = NumberOf(request.System, "Refund policy");
            // Markers split across pieces, repeated, combined, and one naming no passage.
            return VendorReply.Text($"Shipping costs 4.90 euros [", $"{shipping}]. Refunds take 5 days [{refunds}", $"][{shipping}]. Both hold [{refunds}, {shipping}]. See page [42].");
        };

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take, what does shipping cost, and what does the kettle warranty cover?", ChatStreams.NewSession()));

        Assert.True(Numbered(_vendor.Requests.Single().System).Count >= 3, "The prompt should also hold a passage the answer does not cite.");
        Assert.Equal("Shipping costs 4.90 euros [1]. Refunds take 5 days [2][1]. Both hold [2][1]. See page.", events.Text());
        var done = Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal(["Shipping", "Refund policy"], done.Citations!.Select(c => c.PageTitle));
        var stored = await Admin.GetAsync($"/v1/conversations/{done.ConversationId}");
        Assert.Equal(["Shipping", "Refund policy"], stored.GetProperty("messages")[1].GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("page_title").GetString()));
    }

    [Fact]
    public async Task An_answer_that_cites_nothing_has_no_citations()
    {
        var botId = await CreateBotAsync();
        _vendor.Enqueue(VendorReply.Text("I do not know."));

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Empty(Assert.IsType<DoneEvent>(events[^1]).Citations!);
    }

    [Fact]
    public async Task Without_citations_the_markers_are_taken_out_of_the_text()
    {
        var botId = await CreateBotAsync(extra: new { citations_enabled = false });
        _vendor.Enqueue(VendorReply.Text("Five business days [1", "]. Start from your Orders page [1]."));

        var events = await App.PublicChat().CollectAsync(new ChatRequest(botId, "How long do refunds take?", ChatStreams.NewSession()));

        Assert.Equal("Five business days. Start from your Orders page.", events.Text());
        Assert.Null(Assert.IsType<DoneEvent>(events[^1]).Citations);
    }

    private async Task<string> CreateBotAsync(int? contextTokens = null, int? maxTokens = null, bool knowledge = true, object? extra = null)
    {
        var settings = JsonSerializer.SerializeToNode(extra ?? new { }, AdminApi.Json)!.AsObject();
        settings["model"] = JsonSerializer.SerializeToNode(new
        {
            provider = "openai", base_url = _vendor.BaseUrl, api_key = "sk-test", model = "gpt-test", max_tokens = maxTokens, context_tokens = contextTokens,
        });
        return knowledge ? await Admin.CreateKnowledgeableBotAsync(settings) : await Admin.CreateBotAsync(settings);
    }

    private static string[] Words(string word, int count) => Enumerable.Repeat(word + " ", count).ToArray();

    private static int MaxTokens(JsonElement body) =>
        (body.TryGetProperty("max_completion_tokens", out var limit) ? limit : body.GetProperty("max_tokens")).GetInt32();

    /// <summary>The passage titles of a system prompt, in their numbered order.</summary>
    private static List<string> Numbered(string system) =>
        PassageLine().Matches(system).Select(m => m.Groups[2].Value).ToList();

    private static int NumberOf(string system, string title) =>
        int.Parse(PassageLine().Matches(system).First(m => m.Groups[2].Value.StartsWith(title, StringComparison.Ordinal)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\[(\d+)\] (.+)$", RegexOptions.Multiline)]
    private static partial Regex PassageLine();
}
