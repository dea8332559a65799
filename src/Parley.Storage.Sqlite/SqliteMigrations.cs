using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, tracked by <c>PRAGMA user_version</c>.</summary>
internal static class SqliteMigrations
{
    public static void Apply(SqliteConnection connection)
    {
        var current = connection.ExecuteScalar<long>("PRAGMA user_version");
        var assembly = typeof(SqliteMigrations).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => (Version: VersionOf(name), Name: name))
            .OrderBy(script => script.Version);

        foreach (var (version, name) in scripts.Where(script => script.Version > current))
        {
            using var transaction = connection.BeginTransaction();
            connection.Execute(Read(assembly, name), transaction: transaction);
            connection.Execute($"PRAGMA user_version = {version}", transaction: transaction);
            transaction.Commit();
        }
    }

    private static int VersionOf(string resourceName)
    {
        // "Parley.Storage.Sqlite.Migrations.0001_initial.sql" -> 1
        var file = resourceName.Split('.')[^2];
        return int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
