using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Insights;

/// <summary>Every insights test again on PostgreSQL (kept beside them rather than in Storage/OnPostgres.cs, which every feature's branch edits).</summary>
public sealed class InsightsApiOnPostgres : InsightsApiTests
{
    protected override Backend Backend => Backend.Postgres;
}
