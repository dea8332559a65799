namespace Parley.Server.Tests.Hosting;

/// <summary>
/// Classes whose servers seed the demo bot with the local embedding model: each seeding embeds every page of the
/// docs, so two at once on two cores keep a server "starting" for a minute. They run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DemoSeedingCollection
{
    public const string Name = "Demo bot seeding";
}
