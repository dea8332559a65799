namespace Parley.Server.Hosting;

/// <summary>Where this deployment keeps its files: <c>PARLEY_DATA_DIR</c>, or <c>./data</c>.</summary>
public sealed class DataDirectory
{
    public const string EnvironmentVariable = "PARLEY_DATA_DIR";

    public DataDirectory(IConfiguration configuration)
    {
        var configured = configuration[EnvironmentVariable];
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string PathOf(string fileName) => System.IO.Path.Combine(Path, fileName);
}
