namespace Parley.Storage.Postgres;

/// <summary>Credits are stored in thousandths, so fractional prices add up exactly in integer columns.</summary>
internal static class Credits
{
    public static long ToMilli(decimal credits) => (long)decimal.Round(credits * 1000m, MidpointRounding.AwayFromZero);

    public static decimal FromMilli(long milli) => milli / 1000m;
}
