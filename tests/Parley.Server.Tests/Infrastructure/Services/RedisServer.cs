using System.Diagnostics;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure.Services;

/// <summary>
/// One throwaway Redis for the whole test run, on a free loopback port, persisting nothing, stopped by a
/// watchdog when the test process has gone. Tests share it safely: every key Parley writes names a bot or a conversation,
/// and each test makes its own.
/// </summary>
public sealed class RedisServer
{
    private const string Program = "/usr/bin/redis-server";
    private static readonly Lazy<Task<RedisServer>> Shared = new(StartAsync);

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for <c>Parley:Redis:Connection</c>.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public static Task<RedisServer> GetAsync() => Shared.Value;

    private static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Program))
            RequiredTool.Missing($"Redis ({Program})");

        var directory = Directory.CreateTempSubdirectory("parley-redis-").FullName;
        var port = PostgresCluster.FreePort();
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no", "--dir", directory })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Watchdog.StopWhenTestsEnd($"kill {process.Id} 2>/dev/null; rm -rf {directory}");

        for (var attempt = 0; attempt < 200; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return new RedisServer(port);
            }
            catch (SocketException)
            {
                if (process.HasExited)
                    break;
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"The test Redis did not start on port {port}.");
    }
}
