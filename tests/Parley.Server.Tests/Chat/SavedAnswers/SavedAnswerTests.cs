using System.Net;
using System.Text.Json;
using Parley.Client;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Chat.SavedAnswers;

/// <summary>
/// Fix an answer once: every Q&amp;A source is a saved answer. A visitor question close in meaning to its question gets
/// its answer verbatim, citing it, without calling the model, charged the per-message credit only; the source counts
/// its hits; the conversation log marks the message; a different question still goes to the model. The bot runs on
/// the deployment's default embedding model (MiniLM) and default threshold (0.90); the questions used are measured
/// against it in bench/README.md ("cancel subscription" 0.914, "How do I pause my subscription?" 0.798).
/// </summary>
public class SavedAnswerTests : ParleyTest
{
    private const string Saved = "How do I cancel my subscription?";
    private const string Paraphrase = "cancel subscription";
    private const string Different = "How do I pause my subscription?";
    private const string Answer = "Open Billing, choose Cancel plan and confirm. You keep access until the end of the paid period.";
    private const string HelpUrl = "https://shop.example.com/help/cancelling";
    private const string NoKnowledge = "I could not find that in my knowledge.";

    private FakeOpenAIChat _vendor = null!;

    public override async Task InitializeAsync()
    {
        _vendor = await FakeOpenAIChat.StartAsync();
        _vendor.Default = VendorReply.Text(NoKnowledge);
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
    public async Task A_question_answered_from_nothing_gets_the_saved_answer_verbatim_once_the_owner_writes_it()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await CreateBotAsync(workspace);

        var before = await Ask(botId, Saved);
        Assert.Equal(NoKnowledge, before.Text());
        Assert.Single(_vendor.Requests);

        var sourceId = await AddQaAsync(botId, Saved, Answer, HelpUrl);
        var balance = await CreditsAsync(workspace);
        var events = await Ask(botId, Paraphrase);

        Assert.Equal(Answer, events.Text());
        var done = Assert.IsType<DoneEvent>(events[^1]);
        var citation = Assert.Single(done.Citations!);
        Assert.Equal((sourceId, HelpUrl, Saved, false), (citation.SourceId, citation.SourceUrl, citation.PageTitle, citation.FromWebSearch));
        Assert.Single(_vendor.Requests);
        Assert.Equal(balance - 0.5m, await CreditsAsync(workspace));

        var message = (await Admin.GetAsync($"/v1/conversations/{done.ConversationId}")).GetProperty("messages")[1];
        Assert.Equal(Answer, message.GetProperty("content").GetString());
        Assert.Equal("saved_answer", message.GetProperty("outcome").GetString());
        Assert.Equal(sourceId, message.GetProperty("saved_answer").GetProperty("source_id").GetString());
        Assert.Equal(0.5m, message.GetProperty("usage").GetProperty("credits").GetDecimal());
        Assert.Equal(0, message.GetProperty("usage").GetProperty("input_tokens").GetInt32());
        Assert.Equal(sourceId, message.GetProperty("citations")[0].GetProperty("source_id").GetString());

        var source = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}");
        Assert.Equal(1, source.GetProperty("hits").GetInt32());
        Assert.Equal(JsonValueKind.String, source.GetProperty("last_hit_at").ValueKind);
    }

    [Fact]
    public async Task A_different_question_goes_to_the_model_and_is_not_counted()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await CreateBotAsync(workspace);
        var sourceId = await AddQaAsync(botId, Saved, Answer, HelpUrl);

        var events = await Ask(botId, Different);

        Assert.NotEqual(Answer, events.Text());
        Assert.Single(_vendor.Requests);
        Assert.IsType<DoneEvent>(events[^1]);
        var source = await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}");
        Assert.Equal(0, source.GetProperty("hits").GetInt32());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("last_hit_at").ValueKind);
        var message = (await Admin.GetAsync($"/v1/conversations/{((DoneEvent)events[^1]).ConversationId}")).GetProperty("messages")[1];
        Assert.False(message.TryGetProperty("saved_answer", out _));
    }

    [Fact]
    public async Task A_follow_up_is_matched_as_asked_without_rewriting_it_with_the_model()
    {
        var botId = await CreateBotAsync(await Admin.CreateWorkspaceAsync(credits: 100));
        await AddQaAsync(botId, Saved, Answer, url: null);
        var session = ChatStreams.NewSession();
        var first = Assert.IsType<DoneEvent>((await App.PublicChat().CollectAsync(new ChatRequest(botId, "Do you ship to Canada?", session)))[^1]);
        var requests = _vendor.Requests.Count;

        var followUp = await App.PublicChat().CollectAsync(new ChatRequest(botId, Paraphrase, session, first.ConversationId));

        Assert.Equal(Answer, followUp.Text());
        Assert.Equal(requests, _vendor.Requests.Count);
        // Without a url, the citation is the Q&A source itself.
        var citation = Assert.Single(Assert.IsType<DoneEvent>(followUp[^1]).Citations!);
        Assert.Null(citation.SourceUrl);
    }

    [Fact]
    public async Task Editing_the_saved_answer_changes_the_next_answer_at_once()
    {
        var botId = await CreateBotAsync(await Admin.CreateWorkspaceAsync(credits: 100));
        var sourceId = await AddQaAsync(botId, Saved, Answer, HelpUrl);
        Assert.Equal(Answer, (await Ask(botId, Paraphrase)).Text());

        const string edited = "Write to billing@shop.example.com and we cancel it the same day.";
        await Admin.PatchAsync($"/v1/bots/{botId}/sources/{sourceId}", new { answer = edited });
        Assert.Equal(edited, (await Ask(botId, Paraphrase)).Text());

        await Admin.PatchAsync($"/v1/bots/{botId}/sources/{sourceId}", new { question = "How much does the Pro plan cost?", answer = "29 euros a month." });
        Assert.Equal("29 euros a month.", (await Ask(botId, "Pro plan, how much does it cost?")).Text());
        Assert.NotEqual(edited, (await Ask(botId, Paraphrase)).Text());
        Assert.Equal(3, (await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}")).GetProperty("hits").GetInt32());
    }

    [Fact]
    public async Task The_offline_generator_gives_the_saved_answer_too_at_the_per_message_price()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await Admin.CreateKnowledgeableBotAsync(new { model = new { provider = "extractive" } }, workspace);
        await AddQaAsync(botId, Saved, Answer, HelpUrl);

        var events = await Ask(botId, Paraphrase);

        Assert.Equal(Answer, events.Text());
        Assert.Equal(99.5m, await CreditsAsync(workspace));
        Assert.Empty(_vendor.Requests);
    }

    [Fact]
    public async Task Concurrent_saved_answers_are_each_counted()
    {
        var botId = await CreateBotAsync(await Admin.CreateWorkspaceAsync(credits: 1000));
        var sourceId = await AddQaAsync(botId, Saved, Answer, HelpUrl);

        var streams = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Ask(botId, Paraphrase)));

        Assert.All(streams, s => Assert.Equal(Answer, s.Text()));
        Assert.Equal(8, (await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}")).GetProperty("hits").GetInt32());
        var listed = (await Admin.GetAsync($"/v1/bots/{botId}/sources")).EnumerateArray().Single(s => s.GetProperty("id").GetString() == sourceId);
        Assert.Equal(8, listed.GetProperty("hits").GetInt32());
    }

    [Fact]
    public async Task The_threshold_is_the_bots_and_is_validated()
    {
        const string stop = "How can I stop my subscription?";
        var botId = await CreateBotAsync(await Admin.CreateWorkspaceAsync(credits: 100));
        await AddQaAsync(botId, Saved, Answer, HelpUrl);
        Assert.Equal(JsonValueKind.Null, (await Admin.GetAsync($"/v1/bots/{botId}")).GetProperty("qa_match_threshold").ValueKind);
        Assert.NotEqual(Answer, (await Ask(botId, stop)).Text());

        foreach (var bad in new object[] { 1.5, -0.1, "high", true })
        {
            (await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}", new { qa_match_threshold = bad }))
                .AssertError(HttpStatusCode.BadRequest, "invalid_request", "qa_match_threshold");
        }

        // At 1 only the saved question's own words, in any order, get the saved answer.
        var strict = await Admin.PatchAsync($"/v1/bots/{botId}", new { qa_match_threshold = 1.0 });
        Assert.Equal(1.0, strict.GetProperty("qa_match_threshold").GetDouble());
        Assert.Equal(Answer, (await Ask(botId, Paraphrase)).Text());

        // A replaced word ("stop" for "cancel") costs closeness; an owner may accept it, and a lower bar lets a near-miss in.
        await Admin.PatchAsync($"/v1/bots/{botId}", new { qa_match_threshold = 0.75 });
        Assert.Equal(Answer, (await Ask(botId, stop)).Text());
        Assert.NotEqual(Answer, (await Ask(botId, Different)).Text());
        await Admin.PatchAsync($"/v1/bots/{botId}", new { qa_match_threshold = 0.5 });
        Assert.Equal(Answer, (await Ask(botId, Different)).Text());

        var reset = await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}", new { qa_match_threshold = (double?)null });
        Assert.Equal(JsonValueKind.Null, reset.AssertStatus(HttpStatusCode.OK).Json.GetProperty("qa_match_threshold").ValueKind);
        Assert.NotEqual(Answer, (await Ask(botId, Different)).Text());
    }

    [Fact]
    public async Task A_paraphrase_sharing_the_distinguishing_word_gets_the_saved_answer_and_one_replacing_it_does_not()
    {
        const string payPal = "We accept PayPal at checkout.";
        const string sunday = "The restaurant is open on Sundays from noon to 9 pm.";
        var botId = await CreateBotAsync(await Admin.CreateWorkspaceAsync(credits: 100));
        await AddQaAsync(botId, "Do you accept PayPal?", payPal, url: null);
        await AddQaAsync(botId, "Is the restaurant open on Sunday?", sunday, url: null);

        // By the cosine alone, the first was too far (0.877 on MiniLM) and Saturday close enough (0.932).
        Assert.Equal(payPal, (await Ask(botId, "paypal accepted?")).Text());
        Assert.Equal(sunday, (await Ask(botId, "restaurant sunday opening?")).Text());
        Assert.Empty(_vendor.Requests);

        foreach (var nearMiss in new[] { "Is the restaurant open on Saturday?", "Do you accept Apple Pay?", "Is the spa open on Sunday?" })
        {
            var text = (await Ask(botId, nearMiss)).Text();
            Assert.NotEqual(payPal, text);
            Assert.NotEqual(sunday, text);
        }

        Assert.Equal(3, _vendor.Requests.Count);
    }

    [Fact]
    public async Task Two_saved_questions_that_fit_about_equally_leave_the_question_to_the_knowledge()
    {
        var botId = await CreateBotAsync(await Admin.CreateWorkspaceAsync(credits: 100));
        await AddQaAsync(botId, "Is the restaurant open on Sunday?", "Yes, from noon.", url: null);
        await AddQaAsync(botId, "Sunday: is the restaurant open?", "No, closed on Sundays.", url: null);

        var text = (await Ask(botId, "restaurant open sunday?")).Text();

        Assert.Equal(NoKnowledge, text);
        Assert.Single(_vendor.Requests);
    }

    [Fact]
    public async Task A_saved_answer_passes_the_bots_filters_and_a_blocked_one_is_neither_charged_nor_counted()
    {
        var workspace = await Admin.CreateWorkspaceAsync(credits: 100);
        var botId = await CreateBotAsync(workspace, new { redact_pii = true, pii_allow = new[] { "billing@shop.example.com" } });
        var sourceId = await AddQaAsync(botId, Saved, "Write to billing@shop.example.com or to jane.doe@gmail.com.", HelpUrl);

        Assert.Equal("Write to billing@shop.example.com or to [email removed].", (await Ask(botId, Paraphrase)).Text());

        await Admin.PatchAsync($"/v1/bots/{botId}", new { filters = new { blocked_terms = new[] { "billing" } } });
        var balance = await CreditsAsync(workspace);
        var blocked = await Ask(botId, Paraphrase);

        Assert.Equal("content_filtered", Assert.IsType<ErrorEvent>(blocked[^1]).Error);
        Assert.DoesNotContain(blocked, e => e is ContentEvent);
        Assert.Equal(balance, await CreditsAsync(workspace));
        Assert.Equal(1, (await Admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}")).GetProperty("hits").GetInt32());
        Assert.Empty(_vendor.Requests);
    }

    [Fact]
    public async Task Without_embeddings_a_question_in_the_saved_questions_words_gets_the_saved_answer_and_a_replaced_word_does_not()
    {
        await using var app = await StartAppAsync(a => { Configure(a); a.With("Parley:Embeddings:Provider", "none"); });
        using var admin = app.Admin();
        var botId = await admin.CreateBotAsync(new { model = Model() });
        await admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "qa", question = Saved, answer = Answer });
        await admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "qa", question = "What time is check-in?", answer = "From 3 pm." });
        async Task<string> AskAsync(string question) =>
            (await app.PublicChat().CollectAsync(new ChatRequest(botId, question, ChatStreams.NewSession()))).Text();

        Assert.Equal(Answer, await AskAsync("Cancel my subscription, how?"));
        // "cancelling" and "cancel" are one word to saved answers, though the stemmer leaves "cancell".
        Assert.Equal(Answer, await AskAsync("cancelling my subscription"));
        Assert.Equal("From 3 pm.", await AskAsync("check-in time?"));
        Assert.Empty(_vendor.Requests);

        Assert.NotEqual(Answer, await AskAsync("How do I cancel my order?"));
        Assert.NotEqual(Answer, await AskAsync(Different));
        // A hyphenated word is one word: check-out is not check-in.
        Assert.NotEqual("From 3 pm.", await AskAsync("What time is check-out?"));
        Assert.Equal(3, _vendor.Requests.Count);
    }

    private Task<List<ChatEvent>> Ask(string botId, string question) =>
        App.PublicChat().CollectAsync(new ChatRequest(botId, question, ChatStreams.NewSession()));

    private object Model() => new { provider = "openai", base_url = _vendor.BaseUrl, api_key = "sk-test", model = "gpt-test", max_tokens = 500, context_tokens = 4000 };

    private Task<string> CreateBotAsync(string workspaceId, object? filters = null) =>
        Admin.CreateBotAsync(filters is null ? new { model = Model() } : new { model = Model(), filters }, workspaceId);

    private async Task<string> AddQaAsync(string botId, string question, string answer, string? url) =>
        (await Admin.PostAsync($"/v1/bots/{botId}/sources", new { type = "qa", question, answer, url })).GetProperty("id").GetString()!;

    private async Task<decimal> CreditsAsync(string workspaceId) =>
        (await Admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();
}
