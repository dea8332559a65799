using System.Globalization;
using System.Reflection;
using Dapper;
using Npgsql;

namespace Parley.Storage.Postgres;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> scripts in order, each in its own transaction,
/// recorded in <c>schema_migrations</c>. Replicas starting at once queue on a session advisory lock, so
/// exactly one applies each script and the others find it applied.
/// </summary>
internal static class PostgresMigrations
{
    // An arbitrary constant that names "Parley's schema" among advisory locks ("parley" in ASCII).
    private const long LockKey = 0x7061726c6579;

    // The migration that adds the chunks' search terms, which only C# can compute for the chunks already there.
    private const int SearchTermsVersion = 4;

    public static void Apply(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        connection.Execute("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, commandTimeout: 300);
        try
        {
            connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = connection.Query<int>("SELECT version FROM schema_migrations").ToHashSet();
            var assembly = typeof(PostgresMigrations).Assembly;
            var scripts = assembly.GetManifestResourceNames()
                .Where(name => name.EndsWith(".sql", StringComparison.Ordinal))
                .Select(name => (Version: VersionOf(name), Name: name))
                .OrderBy(script => script.Version);

            foreach (var (version, name) in scripts.Where(script => !applied.Contains(script.Version)))
            {
                using var transaction = connection.BeginTransaction();
                connection.Execute(Read(assembly, name), transaction: transaction, commandTimeout: 600);
                if (version == SearchTermsVersion)
                    SearchTerms.FillMissingAsync(connection, transaction).GetAwaiter().GetResult();
                connection.Execute("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, transaction);
                transaction.Commit();
            }
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    private static int VersionOf(string resourceName)
    {
        // "Parley.Storage.Postgres.Migrations.0001_initial.sql" -> 1
        var file = resourceName.Split('.')[^2];
        return int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
