using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>One Parley server for every seed example; each test makes its own bot, so they do not meet.</summary>
public sealed class SeedServer : IAsyncLifetime
{
    public ParleyApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await ParleyApp.StartAsync();

    public async Task DisposeAsync() => await App.DisposeAsync();
}
