using System.Text.Json;

namespace Parley.Server.Tests.Infrastructure;

public static class SourceWaiter
{
    /// <summary>Polls a source until its sync is over (ready or failed) and returns it.</summary>
    public static async Task<JsonElement> WaitForSyncAsync(this AdminApi admin, string botId, string sourceId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var source = await admin.GetAsync($"/v1/bots/{botId}/sources/{sourceId}");
            if (source.GetProperty("status").GetString() is "ready" or "failed")
                return source;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The source never finished syncing: {source}");
            await Task.Delay(100);
        }
    }

    public static async Task<string> AddFetchedSourceAsync(this AdminApi admin, string botId, object body) =>
        (await admin.PostAsync($"/v1/bots/{botId}/sources", body)).GetProperty("id").GetString()!;
}
