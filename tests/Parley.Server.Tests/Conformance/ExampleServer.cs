using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>One Parley server for a class of documented examples; each test makes its own bot, so they do not meet.</summary>
public class ExampleServer : IAsyncLifetime
{
    public ParleyApp App { get; private set; } = null!;

    /// <summary>What the server runs on; a fixture derived per backend runs the examples there.</summary>
    protected virtual Backend Backend => Backend.Sqlite;

    public async Task InitializeAsync() => App = await ParleyApp.StartAsync(app => app.WithBackend(Backend));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The documented examples' server on PostgreSQL.</summary>
public sealed class ExampleServerOnPostgres : ExampleServer
{
    protected override Backend Backend => Backend.Postgres;
}
