namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// A test class whose every test gets its own fresh Parley server and an admin API client.
/// Override <see cref="Configure"/> to change the server's settings, <see cref="SeedAsync"/> to add data.
/// </summary>
public abstract class ParleyTest : BackendTest, IAsyncLifetime
{
    protected ParleyApp App { get; private set; } = null!;

    protected AdminApi Admin { get; private set; } = null!;

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

    protected virtual void Configure(ParleyApp app)
    {
    }

    protected virtual Task SeedAsync() => Task.CompletedTask;
}
