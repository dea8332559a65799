using Parley.Client;
using Parley.Server.Tests.Hosting;
using Parley.Server.Tests.Infrastructure;
using Parley.Server.Tests.Infrastructure.Services;

namespace Parley.Server.Tests.Chat;

/// <summary>A server killed mid-answer gives the answer's reserved credits back once it runs again (SQLite; replicas: ReplicaTests).</summary>
public sealed class CrashedTurnCreditsTests : IAsyncLifetime
{
    private const string Key = "parley-crashed-turn-admin-key";

    private readonly string _data = Directory.CreateTempSubdirectory("parley-crashed-turn-").FullName;
    private FakeOpenAIEmbeddings _embeddings = null!;

    public async Task InitializeAsync() => _embeddings = await FakeOpenAIEmbeddings.StartAsync();

    public async Task DisposeAsync()
    {
        await _embeddings.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Credits_reserved_by_a_turn_whose_server_was_killed_come_back_after_a_restart()
    {
        var address = new Uri($"http://127.0.0.1:{PostgresCluster.FreePort()}/");
        string botId, workspaceId;
        decimal before;
        await using (var doomed = StartServer(address))
        {
            await doomed.WaitUntilHealthyAsync(address);
            using var admin = new AdminApi(NewClient(address, Key));
            workspaceId = await admin.CreateWorkspaceAsync();
            botId = await admin.CreateKnowledgeableBotAsync(workspaceId: workspaceId);
            before = await CreditsAsync(admin, workspaceId);

            // Embedding the question now takes long, so the turn is open, its credits reserved, when the server dies.
            _embeddings.Delay = TimeSpan.FromSeconds(20);
            var cut = false;
            try
            {
                await foreach (var e in new ParleyChatClient(NewClient(address)).StreamAsync(new ChatRequest(botId, "Can I return an item?", "cut-visitor")))
                {
                    Assert.IsNotType<DoneEvent>(e);
                    if (!cut)
                    {
                        cut = true;
                        await doomed.KillAsync();
                    }
                }
            }
            catch (Exception e) when (cut && e is HttpRequestException or IOException or ParleyException)
            {
                // The connection broke with the server.
            }
            finally
            {
                _embeddings.Delay = TimeSpan.Zero;
            }

            Assert.True(cut, "the turn's stream never started");
        }

        await using var restarted = StartServer(address);
        await restarted.WaitUntilHealthyAsync(address);
        using var again = new AdminApi(NewClient(address, Key));
        var refundedBy = DateTime.UtcNow.AddSeconds(30);
        while (await CreditsAsync(again, workspaceId) != before && DateTime.UtcNow < refundedBy)
            await Task.Delay(200);
        Assert.Equal(before, await CreditsAsync(again, workspaceId));

        // An answer now costs its one credit, and the refund is not given a second time.
        await new ParleyChatClient(NewClient(address)).AskAsync(new ChatRequest(botId, "Can I return an item?", ChatStreams.NewSession()));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before - 1, await CreditsAsync(again, workspaceId));
    }

    private ServerProcess StartServer(Uri address) =>
        ServerProcess.Start(_data, ["--urls", address.ToString().TrimEnd('/')], new Dictionary<string, string>
        {
            ["PARLEY_DATA_DIR"] = _data,
            ["PARLEY_ADMIN_KEY"] = Key,
            ["Parley__Embeddings__Provider"] = "openai",
            ["Parley__Embeddings__BaseUrl"] = _embeddings.BaseUrl,
            ["Parley__Embeddings__Model"] = "text-embedding-3-small",
            ["Parley__Credits__ReservationLeaseSeconds"] = "2",
            ["Parley__DemoBot__Enabled"] = "false",
        });

    private static HttpClient NewClient(Uri address, string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private static async Task<decimal> CreditsAsync(AdminApi admin, string workspaceId) =>
        (await admin.GetAsync($"/v1/workspaces/{workspaceId}")).GetProperty("credits").GetDecimal();
}
