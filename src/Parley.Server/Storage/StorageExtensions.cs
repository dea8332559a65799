using Parley.Server.Hosting;
using Parley.Storage.Postgres;
using Parley.Storage.Sqlite;

namespace Parley.Server.Storage;

public static class StorageExtensions
{
    public const string ProviderKey = "Parley:Storage:Provider";
    public const string ConnectionStringKey = "Parley:Storage:ConnectionString";

    /// <summary>
    /// The storage backend named by <c>Parley:Storage:Provider</c>: the embedded SQLite file by default, or
    /// <c>postgres</c> with <c>Parley:Storage:ConnectionString</c> (an Npgsql connection string) for replicas.
    /// </summary>
    public static IServiceCollection AddParleyStorage(this IServiceCollection services, IConfiguration configuration)
    {
        if (UsesPostgres(configuration))
        {
            var connectionString = configuration[ConnectionStringKey];
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException($"{ProviderKey}=postgres needs {ConnectionStringKey} (an Npgsql connection string).");
            return services.AddPostgresStorage(connectionString);
        }

        return services.AddSqliteStorage(sp => sp.GetRequiredService<DataDirectory>().PathOf("parley.db"));
    }

    public static bool UsesPostgres(IConfiguration configuration)
    {
        var provider = configuration[ProviderKey] ?? "sqlite";
        if (provider.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            return false;
        if (provider.Equals("postgres", StringComparison.OrdinalIgnoreCase) || provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
            return true;
        throw new InvalidOperationException($"Unknown storage provider '{provider}'. Supported: sqlite, postgres.");
    }
}
