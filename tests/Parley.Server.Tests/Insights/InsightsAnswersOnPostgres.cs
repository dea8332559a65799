using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Insights;

/// <summary>The written-answer tests again on PostgreSQL.</summary>
public sealed class InsightsAnswersOnPostgres : InsightsAnswersTests
{
    protected override Backend Backend => Backend.Postgres;
}
