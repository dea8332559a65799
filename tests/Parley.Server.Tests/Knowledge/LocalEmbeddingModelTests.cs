using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Parley.Client;
using Parley.Core.Bots;
using Parley.Embeddings.Local;
using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// A deployment and each bot may choose the offline model: all-MiniLM-L6-v2 (<c>minilm</c>) or snowflake-arctic-embed-xs
/// (<c>arctic-xs</c>). Switching re-embeds only the knowledge of the bots that switch; arctic embeds questions with
/// its query instruction.
/// </summary>
public class LocalEmbeddingModelTests : ParleyTest
{
    private const string MiniLmId = "local/all-MiniLM-L6-v2";
    private const string ArcticId = "local/snowflake-arctic-embed-xs";

    protected override void Configure(ParleyApp app) => app.With("Parley:Embeddings:Model", "minilm");

    [Fact]
    public async Task Choosing_arctic_for_one_bot_re_embeds_that_bots_knowledge_and_no_other()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync();
        var otherId = await Admin.CreateKnowledgeableBotAsync();
        var before = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");
        Assert.Equal(MiniLmId, before.GetProperty("embedding_model").GetString());

        var updated = await Admin.PatchAsync($"/v1/bots/{botId}", new { embedding = new { provider = "local", model = "arctic-xs" } });

        Assert.Equal("arctic-xs", updated.GetProperty("embedding").GetProperty("model").GetString());
        var after = await WaitForModelAsync(botId, ArcticId, before.GetProperty("chunks").GetInt32());
        Assert.Equal(before.GetProperty("chunks").GetInt32(), after.GetProperty("embedded_chunks").GetInt32());
        var other = await Admin.GetAsync($"/v1/bots/{otherId}/knowledge");
        Assert.Equal(MiniLmId, other.GetProperty("embedding_model").GetString());
        Assert.Equal(other.GetProperty("chunks").GetInt32(), other.GetProperty("embedded_chunks").GetInt32());

        var answer = await App.PublicChat().AskAsync(new ChatRequest(botId, "How long does a refund take to come back?", ChatStreams.NewSession()));
        Assert.Equal("Refund policy", answer.Citations![0].PageTitle);
    }

    [Fact]
    public async Task An_arctic_bot_embeds_questions_with_the_query_instruction_and_its_knowledge_without()
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { embedding = new { provider = "local", model = "arctic-xs" } });
        var bot = (await App.Services.GetRequiredService<IBotStore>().GetAsync(botId))!;
        var model = App.Services.GetRequiredService<ChunkEmbedder>().ModelOf(bot);
        const string question = "When will my money come back?";

        var asked = await ChunkEmbedder.EmbedQuestionAsync(model, question, CancellationToken.None);

        using var reference = new ArcticXsEmbeddingGenerator();
        var asQuery = await reference.GenerateVectorAsync(ArcticXsEmbeddingGenerator.QueryPrefix + question);
        var asDocument = await reference.GenerateVectorAsync(question);
        Assert.Equal(ArcticId, model.Id);
        Assert.True(MaxDifference(asQuery.Span, asked!) < 1e-4, "The question was not embedded with the query instruction.");
        Assert.True(MaxDifference(asDocument.Span, asked!) > 1e-2);
        // Knowledge is embedded as documents: the status counts it under arctic, and the answer finds it.
        Assert.Equal(ArcticId, (await Admin.GetAsync($"/v1/bots/{botId}/knowledge")).GetProperty("embedding_model").GetString());
    }

    // arctic-embed-xs scores any question against any passage near 0.5: read on MiniLM's scale, every passage would look
    // relevant, be cited and keep the bot from saying it does not know.
    [Theory]
    [InlineData("minilm")]
    [InlineData("arctic-xs")]
    public async Task Each_model_finds_the_answering_page_and_nothing_for_a_question_the_knowledge_does_not_answer(string model)
    {
        var botId = await Admin.CreateKnowledgeableBotAsync(new { embedding = new { provider = "local", model } });

        var found = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "When will my money come back?" });
        var nothing = await Admin.Http.SendReplyAsync(HttpMethod.Post, $"/v1/bots/{botId}/search", new { query = "Which telescope should I buy to see Saturn?" });

        Assert.Equal("Refund policy", found.Json.GetProperty("passages")[0].GetProperty("page_title").GetString());
        Assert.Equal(0, nothing.Json.GetProperty("passages").GetArrayLength());
    }

    [Fact]
    public async Task A_bot_that_chooses_local_without_naming_a_model_gets_the_default_written_down()
    {
        var botId = await Admin.CreateBotAsync(new { embedding = new { provider = "local" } });

        var bot = await Admin.GetAsync($"/v1/bots/{botId}");

        Assert.Equal(LocalModel.Default.Name, bot.GetProperty("embedding").GetProperty("model").GetString());
    }

    [Theory]
    [InlineData("""{"embedding": {"provider": "local", "model": "arctic"}}""", "embedding.model")]
    [InlineData("""{"embedding": {"provider": "local", "model": 3}}""", "embedding.model")]
    [InlineData("""{"embedding": {"provider": "local", "model": "minilm", "api_key": "sk-1"}}""", "embedding.api_key")]
    [InlineData("""{"embedding": {"provider": "local", "base_url": "https://example.com/v1"}}""", "embedding.base_url")]
    public async Task An_unknown_local_model_or_a_remote_only_field_is_refused_naming_the_field(string body, string field)
    {
        var botId = await Admin.CreateBotAsync();

        var reply = await Admin.Http.SendRawAsync(HttpMethod.Patch, $"/v1/bots/{botId}", body);

        reply.AssertInvalid(field);
    }

    [Fact]
    public async Task A_refused_local_model_name_is_answered_with_the_names_there_are()
    {
        var botId = await Admin.CreateBotAsync();

        var reply = await Admin.Http.SendReplyAsync(HttpMethod.Patch, $"/v1/bots/{botId}", new { embedding = new { provider = "local", model = "arctic" } });

        reply.AssertInvalid("embedding.model");
        Assert.Equal("'embedding.model' must be one of \"minilm\", \"arctic-xs\" for the \"local\" provider.", reply.Json.GetProperty("message").GetString());
    }

    private async Task<JsonElement> WaitForModelAsync(string botId, string model, int chunks)
    {
        JsonElement status = default;
        for (var attempt = 0; attempt < 400; attempt++)
        {
            status = await Admin.GetAsync($"/v1/bots/{botId}/knowledge");
            if (status.GetProperty("embedding_model").GetString() == model && status.GetProperty("embedded_chunks").GetInt32() == chunks)
                return status;
            await Task.Delay(50);
        }

        Assert.Fail($"The bot's knowledge is at {status}.");
        return status;
    }

    private static double MaxDifference(ReadOnlySpan<float> a, float[] b)
    {
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        return max;
    }
}
