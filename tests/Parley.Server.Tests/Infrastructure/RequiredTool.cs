namespace Parley.Server.Tests.Infrastructure;

/// <summary>
/// The programs that tests run the way users do (curl, bash, node, python3). A missing one fails the test
/// with a message saying how to get it; it is never a skip, so CI cannot pass without running these tests.
/// </summary>
public static class RequiredTool
{
    private const string Remedy = "Run ./test.sh (scripts/install-test-deps.sh installs the test tools) or install it yourself.";

    public static string Bash => OnPath("bash");

    public static string Curl => OnPath("curl");

    public static string Node => OnPath("node");

    /// <summary>Debian's interpreter, which is the one python3-requests installs <c>requests</c> for.</summary>
    public static string Python
    {
        get
        {
            const string path = "/usr/bin/python3";
            if (!File.Exists(path))
                Assert.Fail($"{path} is missing. {Remedy}{CiNote}");
            return path;
        }
    }

    /// <summary>Fails the test because a service it needs (PostgreSQL, pgvector, Redis) is not installed.</summary>
    public static void Missing(string what) => Assert.Fail($"{what} is missing. {Remedy}{CiNote}");

    private static string OnPath(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var found = directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
        if (found is null)
            Assert.Fail($"`{name}` is not on the PATH. {Remedy}{CiNote}");
        return found;
    }

    private static string CiNote =>
        Environment.GetEnvironmentVariable("CI") == "true" ? " (CI=true: a missing tool is a failure, never a skip.)" : "";
}
