using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat;

/// <summary>
/// The grounding check and blocked topics, run on the complete answer of a model the test scripts, seen through
/// the public stream: what streamed, what replaced it, and what the conversation keeps.
/// </summary>
public class AnswerFiltersTests : BackendTest
{
    private const string Grounded = "Once the parcel reaches our warehouse, the refund goes to your original payment method within 5 business days. ";
    private const string Invented = "Every product also comes with a free lifetime repair guarantee from our workshop.";
    private const string Fallback = "I'm sorry, I can't answer that from the information I have.";

    private async Task<(ParleyApp App, string BotId)> StartAsync(string reply, object filters, string embeddings = "none", string? model = null)
    {
        var app = await StartAppAsync(a => a
            .With("Parley:Embeddings:Provider", embeddings)
            .With("Parley:Embeddings:Model", model)
            .WithGenerator(new ScriptedChatClient { Reply = reply, Pace = TimeSpan.Zero }));
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { filters });
        await admin.AddTextAsync(botId, SampleKnowledge.Refunds.Title, SampleKnowledge.Refunds.Text, SampleKnowledge.Refunds.Url);
        return (app, botId);
    }

    private static ChatRequest Question(string botId) => new(botId, "How long do refunds take?", ChatStreams.NewSession());

    [Fact]
    public async Task Lenient_grounding_removes_the_sentence_the_knowledge_does_not_support_and_the_conversation_keeps_the_rest()
    {
        var (app, botId) = await StartAsync(Grounded + Invented, new { grounding = "lenient" });
        await using var _ = app;

        var events = await app.PublicChat().CollectAsync(Question(botId));

        Assert.Contains("lifetime repair", events.Text(), StringComparison.Ordinal);
        var replace = Assert.IsType<ReplaceEvent>(events[^2]);
        Assert.Equal(Grounded.Trim(), replace.Content);
        var done = Assert.IsType<DoneEvent>(events[^1]);
        using var admin = app.Admin();
        var conversation = await admin.GetAsync($"/v1/conversations/{done.ConversationId}");
        Assert.Equal(Grounded.Trim(), conversation.GetProperty("messages").EnumerateArray().Last().GetProperty("content").GetString());
    }

    [Fact]
    public async Task Strict_grounding_replaces_an_answer_with_any_unsupported_sentence_by_an_honest_fallback()
    {
        var (app, botId) = await StartAsync(Grounded + Invented, new { grounding = "strict" });
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(Question(botId));

        Assert.Equal(Fallback, answer.Text);
    }

    [Fact]
    public async Task A_number_the_knowledge_never_states_makes_a_sentence_unsupported()
    {
        var (app, botId) = await StartAsync(Grounded.Replace("5 business", "10 business", StringComparison.Ordinal), new { grounding = "lenient" });
        await using var _ = app;

        var answer = await app.PublicChat().AskAsync(Question(botId));

        Assert.Equal(Fallback, answer.Text);
    }

    [Fact]
    public async Task A_supported_answer_with_citation_markers_glue_and_a_numbered_list_passes_strict_grounding_untouched()
    {
        var reply = "Sure, happy to help!\n\n1. The parcel reaches our warehouse [1].\n2. The refund goes to your original payment method within 5 business days [1].";
        var (app, botId) = await StartAsync(reply, new { grounding = "strict" });
        await using var _ = app;

        var events = await app.PublicChat().CollectAsync(Question(botId));

        Assert.DoesNotContain(events, e => e is ReplaceEvent);
        Assert.Equal(reply, events.Text());
        Assert.IsType<DoneEvent>(events[^1]);
    }

    [Theory]
    [InlineData("How long do refunds take?")]
    [InlineData("Do you sell garden furniture?")]
    public async Task The_offline_generators_quotes_and_its_honest_i_dont_know_pass_strict_grounding_unreplaced(string question)
    {
        await using var app = await StartAppAsync(a => a.With("Parley:Embeddings:Provider", "none"));
        using var admin = app.Admin();
        var botId = await admin.CreateKnowledgeableBotAsync(new { filters = new { grounding = "strict" } });

        var events = await app.PublicChat().CollectAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

        Assert.DoesNotContain(events, e => e is ReplaceEvent);
        Assert.IsType<DoneEvent>(events[^1]);
        Assert.NotEqual(Fallback, events.Text());
    }

    [Fact]
    public async Task With_grounding_off_the_answer_is_sent_as_written()
    {
        var (app, botId) = await StartAsync(Grounded + Invented, new { grounding = "off" });
        await using var _ = app;

        var events = await app.PublicChat().CollectAsync(Question(botId));

        Assert.DoesNotContain(events, e => e is ReplaceEvent);
        Assert.Equal(Grounded + Invented, events.Text());
    }

    [Fact]
    public async Task An_answer_about_a_blocked_topic_named_in_other_word_forms_ends_with_content_filtered()
    {
        var (app, botId) = await StartAsync(
            Grounded + "Many customers put their refunds into cryptocurrencies as an investment.",
            new { blocked_topics = new[] { "cryptocurrency investment" } });
        await using var _ = app;

        var events = await app.PublicChat().CollectAsync(Question(botId));

        Assert.Equal("content_filtered", Assert.IsType<ErrorEvent>(events[^1]).Error);
    }

    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public async Task An_answer_about_a_blocked_topic_in_other_words_is_caught_by_meaning_with_either_local_model(string model)
    {
        var (app, botId) = await StartAsync(
            Grounded + "By the way, the ruling party lost many seats in parliament at the last election.",
            new { blocked_topics = new[] { "politics" } },
            embeddings: "local",
            model);
        await using var _ = app;

        var events = await app.PublicChat().CollectAsync(Question(botId));

        Assert.Equal("content_filtered", Assert.IsType<ErrorEvent>(events[^1]).Error);
    }

    // arctic-embed-xs puts any two sentences at a cosine of 0.6 or more: on MiniLM's bar every answer would be blocked.
    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public async Task An_answer_off_the_blocked_topics_is_not_blocked_by_them(string model)
    {
        var (app, botId) = await StartAsync(Grounded, new { blocked_topics = new[] { "politics", "medical advice" } }, embeddings: "local", model);
        await using var _ = app;

        var events = await app.PublicChat().CollectAsync(Question(botId));

        Assert.IsType<DoneEvent>(events[^1]);
        Assert.Equal(Grounded, events.Text());
    }

    [Theory]
    [InlineData("""{"filters": {"grounding": "sometimes"}}""", "filters.grounding")]
    [InlineData("""{"filters": {"grounding": null}}""", "filters.grounding")]
    [InlineData("""{"filters": {"blocked_topics": "politics"}}""", "filters.blocked_topics")]
    [InlineData("""{"when_knowledge_unavailable": "guess"}""", "when_knowledge_unavailable")]
    public async Task A_bad_filter_setting_is_refused_naming_the_field(string body, string field)
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();

        var reply = await admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{botId}", body);

        reply.AssertInvalid(field);
    }

    [Fact]
    public async Task The_filter_settings_are_shown_as_set()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync();

        var bot = await admin.PatchAsync($"/v1/bots/{botId}", new { filters = new { grounding = "strict", blocked_topics = new[] { "politics" } } });

        Assert.Equal("strict", bot.GetProperty("filters").GetProperty("grounding").GetString());
        Assert.Equal("politics", bot.GetProperty("filters").GetProperty("blocked_topics")[0].GetString());
        Assert.Equal("answer", bot.GetProperty("when_knowledge_unavailable").GetString());
    }
}
