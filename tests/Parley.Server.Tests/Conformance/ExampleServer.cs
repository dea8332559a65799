using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Conformance;

/// <summary>One Parley server for a class of documented examples; each test makes its own bot, so they do not meet.</summary>
public class ExampleServer : IAsyncLifetime
{
    public ParleyApp App { get; private set; } = null!;

    /// <summary>What the server runs on; a fixture derived per backend runs the examples there.</summary>
    protected virtual Backend Backend => Backend.Sqlite;

    // The examples are judged on what they print, not on the 3-second search budget: on a shared, loaded machine a
    // search past it answers without knowledge (rag_unavailable), and an example would fail for the machine's sake.
    public async Task InitializeAsync() =>
        App = await ParleyApp.StartAsync(app => app.WithBackend(Backend).With("Parley:Retrieval:TimeoutMs", "30000"));

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The documented examples' server on PostgreSQL.</summary>
public sealed class ExampleServerOnPostgres : ExampleServer
{
    protected override Backend Backend => Backend.Postgres;
}
