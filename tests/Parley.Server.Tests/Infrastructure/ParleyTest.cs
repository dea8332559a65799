namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets its own fresh Parley server and an admin API client.
/// Override <see cref="Configure"/> to change the server's settings, <see cref="SeedAsync"/> to add data.
/// </summary>
public abstract class ParleyTest : IAsyncLifetime
{
    protected ParleyApp App { get; private set; } = null!;

    protected AdminApi Admin { get; private set; } = null!;

    /// <summary>What the tests' servers run on; a class derived per backend runs the same tests on another.</summary>
    protected virtual Backend Backend => Backend.Sqlite;

    public virtual async Task InitializeAsync()
    {
        App = await StartAppAsync(Configure);
        Admin = App.Admin();
        await SeedAsync();
    }

    public virtual async Task DisposeAsync()
    {
        Admin.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>Another server on this class's backend, for tests that need one with other settings.</summary>
    protected Task<ParleyApp> StartAppAsync(Action<ParleyApp>? configure = null) =>
        ParleyApp.StartAsync(app =>
        {
            app.WithBackend(Backend);
            configure?.Invoke(app);
        });

    protected virtual void Configure(ParleyApp app)
    {
    }

    protected virtual Task SeedAsync() => Task.CompletedTask;
}
