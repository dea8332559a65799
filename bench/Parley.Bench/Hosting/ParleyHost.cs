using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Parley.Bench.Hosting;

/// <summary>
/// Parley's real <c>Program</c> on Kestrel on a loopback port, in this process, with a fresh data directory,
/// no demo bot, warnings-only logging, the Production environment, and by default the <see cref="InstantChatClient"/>
/// as its generator.
/// </summary>
internal sealed class ParleyHost : WebApplicationFactory<Program>
{
    public const string AdminKey = "parley-bench-admin-key-5d1e9a";

    private readonly bool _instantGenerator;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly bool _ownsData;

    private ParleyHost(bool instantGenerator, IReadOnlyDictionary<string, string> settings, string? dataDirectory)
    {
        _instantGenerator = instantGenerator;
        _settings = settings;
        _ownsData = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("parley-bench-").FullName;
    }

    /// <summary>The server's <c>PARLEY_DATA_DIR</c>: a fresh temporary one, deleted on dispose, unless the caller gave its own.</summary>
    public string DataDirectory { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <param name="instantGenerator">
    /// Replace the generator with <see cref="InstantChatClient"/> (the load benchmarks); <c>false</c> keeps the server's
    /// own, for measuring what visitors get.
    /// </param>
    /// <param name="settings">Configuration on top of the bench's own, such as <c>Parley:Retrieval:MaxPassages</c>.</param>
    /// <param name="dataDirectory">A data directory the caller owns and keeps (a store to reuse); else a fresh temporary one.</param>
    public static ParleyHost Start(
        bool instantGenerator = true, IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        var host = new ParleyHost(instantGenerator, settings ?? new Dictionary<string, string>(), dataDirectory);
        host.UseKestrel();
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address);
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The output folder holds Parley.Server's appsettings.json; the factory's own guess depends on the working directory.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("PARLEY_DATA_DIR", DataDirectory);
        builder.UseSetting("PARLEY_ADMIN_KEY", AdminKey);
        builder.UseSetting("Parley:DemoBot:Enabled", "false");
        builder.UseSetting("Parley:DemoBot:PrintBanner", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        if (!_instantGenerator)
            return;
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IChatClient>();
            services.AddSingleton<IChatClient, InstantChatClient>();
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsData)
            return;
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner takes whatever a closing connection still held.
        }
    }
}
