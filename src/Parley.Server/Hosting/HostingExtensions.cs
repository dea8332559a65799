using Microsoft.AspNetCore.DataProtection;

namespace Parley.Server.Hosting;

public static class HostingExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Loopback on port 5080 unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public static WebApplicationBuilder UseParleyDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
            builder.WebHost.UseUrls(DefaultUrl);

        builder.Services.AddSingleton<DataDirectory>();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Parley");
        // With PostgreSQL the key ring is in the database (see AddPostgresStorage), shared by every replica.
        if (!Storage.StorageExtensions.UsesPostgres(builder.Configuration))
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(new DataDirectory(builder.Configuration).Path, "keys")));
        builder.Services.AddSingleton<Secrets.SecretProtector>();

        // The key ring sits in the data directory beside the database it protects, so encrypting it with
        // another key kept in that same directory would add nothing; the warning about it is noise here.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Services.AddSingleton<Readiness>();
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.AddSingleton<TimeProvider>(new MillisecondTimeProvider(TimeProvider.System));
        builder.Services.AddHealthChecks().AddCheck<Readiness>("ready");
        return builder;
    }
}
