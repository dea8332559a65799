namespace Parley.Server.Bots;

/// <summary>
/// One server: its own writes already forget their bots, so there is nothing to send. The short lifetime bounds
/// how stale a bot can be if several servers share a database without Redis.
/// </summary>
public sealed class InProcessBotChanges : IBotChanges
{
    public TimeSpan CacheLifetime { get; } = TimeSpan.FromSeconds(1);

    public Task PublishAsync(string? botId) => Task.CompletedTask;

    public void Subscribe(Action<string?> changed)
    {
    }
}
