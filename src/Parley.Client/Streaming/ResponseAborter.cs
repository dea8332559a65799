namespace Parley.Client;

/// <summary>
/// Closes an unfinished response so that the server notices the client has gone.
/// </summary>
/// <remarks>
/// Disposing a response that is not fully read is not enough: the HTTP handler first tries to drain the rest
/// of the body to reuse the connection, and while it drains the server keeps generating (and later charges)
/// an answer nobody reads. Cancelling a read that is waiting on the network, on the other hand, makes the
/// handler drop the connection (HTTP/1.1) or reset the stream (HTTP/2).
/// </remarks>
internal static class ResponseAborter
{
    public static async Task AbortAsync(Stream body)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                using var cancellation = new CancellationTokenSource();
                var read = body.ReadAsync(buffer, cancellation.Token);

                // Data that has already arrived is handed over synchronously; skip it until a read has to wait.
                if (!read.IsCompleted)
                {
                    await cancellation.CancelAsync().ConfigureAwait(false);
                }

                if (await read.ConfigureAwait(false) == 0)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // Expected: the cancelled read fails, or the connection was already gone.
        }
    }
}
