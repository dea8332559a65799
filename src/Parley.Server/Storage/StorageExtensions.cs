using Parley.Server.Hosting;
using Parley.Storage.Sqlite;

namespace Parley.Server.Storage;

public static class StorageExtensions
{
    /// <summary>The storage backend named by <c>Parley:Storage:Provider</c>; the embedded SQLite file by default.</summary>
    public static IServiceCollection AddParleyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Parley:Storage:Provider"] ?? "sqlite";
        if (!provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Unknown storage provider '{provider}'. Supported: sqlite.");

        return services.AddSqliteStorage(sp => sp.GetRequiredService<DataDirectory>().PathOf("parley.db"));
    }
}
