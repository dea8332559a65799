namespace Parley.Client;

/// <summary>
/// Base of every exception the SDK throws for a failure reported by, or caused by, the Parley server.
/// </summary>
public abstract class ParleyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Human-readable explanation.</param>
    /// <param name="innerException">The failure that caused this one, if any.</param>
    protected ParleyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
