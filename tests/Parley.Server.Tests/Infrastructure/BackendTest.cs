namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A test class that starts its own servers. They run on <see cref="Backend"/>, so a class derived per backend
/// (see Storage/OnPostgres.cs) runs every test again there.
/// </summary>
public abstract class BackendTest
{
    /// <summary>What the tests' servers run on; a class derived per backend runs the same tests on another.</summary>
    protected virtual Backend Backend => Backend.Sqlite;

    /// <summary>A server on this class's backend.</summary>
    protected Task<ParleyApp> StartAppAsync(Action<ParleyApp>? configure = null) =>
        ParleyApp.StartAsync(app =>
        {
            app.WithBackend(Backend);
            ConfigureBackend(app);
            configure?.Invoke(app);
        });

    /// <summary>How every server of the class uses its backend, for a class derived to run the tests with other such settings.</summary>
    protected virtual void ConfigureBackend(ParleyApp app)
    {
    }
}
