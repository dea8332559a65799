using Parley.Server.Knowledge.Embeddings;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Knowledge;

/// <summary>
/// <c>Parley:Embeddings:Model</c> picks the deployment's offline model. Unset, it is MiniLM: arctic-embed-xs did not win
/// clearly on the dev set (bench/README.md), so nothing changes for deployments that name none.
/// </summary>
public class DeploymentEmbeddingModelTests : BackendTest
{
    [Fact]
    public async Task A_deployment_naming_no_model_embeds_with_minilm_as_before()
    {
        await using var app = await StartAppAsync();
        using var admin = app.Admin();

        var botId = await admin.CreateKnowledgeableBotAsync();

        Assert.Equal(LocalModel.MiniLm, LocalModel.Default);
        var status = await admin.GetAsync($"/v1/bots/{botId}/knowledge");
        Assert.Equal("local/all-MiniLM-L6-v2", status.GetProperty("embedding_model").GetString());
        Assert.Equal(status.GetProperty("chunks").GetInt32(), status.GetProperty("embedded_chunks").GetInt32());
    }

    [Fact]
    public async Task A_deployment_naming_arctic_embeds_the_bots_that_follow_it_with_arctic()
    {
        await using var app = await StartAppAsync(app => app.With("Parley:Embeddings:Model", "arctic-xs"));
        using var admin = app.Admin();

        var botId = await admin.CreateKnowledgeableBotAsync();

        var status = await admin.GetAsync($"/v1/bots/{botId}/knowledge");
        Assert.Equal("local/snowflake-arctic-embed-xs", status.GetProperty("embedding_model").GetString());
        Assert.Equal(status.GetProperty("chunks").GetInt32(), status.GetProperty("embedded_chunks").GetInt32());
    }

    [Fact]
    public async Task An_unknown_deployment_model_stops_the_server_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var app = await StartAppAsync(app => app.With("Parley:Embeddings:Model", "bge-small"));
        });

        Assert.Contains("Parley:Embeddings:Model", error.ToString(), StringComparison.Ordinal);
    }
}
