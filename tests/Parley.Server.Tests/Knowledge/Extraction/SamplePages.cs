namespace Parley.Server.Tests.Knowledge.Extraction;

/// <summary>Web pages built the way shops and documentation sites build them, boilerplate included.</summary>
public static class SamplePages
{
    public static readonly Uri ShippingUrl = new("https://shop.example/help/shipping?ref=footer");

    public const string Shipping = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Shipping and returns | Acme Shop</title>
          <link rel="stylesheet" href="/site.css">
          <link rel="canonical" href="/help/shipping">
          <meta name="robots" content="index, follow">
          <style>body { color: red }</style>
          <script>window.tracking = "SCRIPT_TEXT";</script>
        </head>
        <body class="page has-sidebar">
          <a class="skip-link" href="#main">Skip to content</a>
          <header class="site-header">
            <a href="/"><img src="/logo.svg" alt="Acme"></a>
            <nav aria-label="Main navigation">
              <ul><li><a href="/shop">Shop</a></li><li><a href="/help/faq">FAQ</a></li><li><a href="/about#team">About us</a></li></ul>
            </nav>
          </header>
          <div id="cookie-consent" class="cookieBanner">
            <p>We use cookies to improve your experience.</p>
            <button>Accept all</button>
          </div>
          <main id="main">
            <nav class="breadcrumbs"><a href="/">Home</a> › <a href="/help">Help</a> › Shipping</nav>
            <article>
              <h1 id="top">Shipping and returns</h1>
              <p>We ship to all EU countries.
                 Orders placed before <strong>2 pm</strong> leave the <a href="/warehouse">same day</a>.</p>
              <section id="delivery-times">
                <h2>Delivery times</h2>
                <table>
                  <thead><tr><th>Country</th><th>Days</th></tr></thead>
                  <tbody><tr><td>Germany</td><td>1–2</td></tr><tr><td>France</td><td>2–3</td></tr></tbody>
                </table>
              </section>
              <h2 id="returns">Returns</h2>
              <p>You can return any item within 30 days.<br>Sale items included.</p>
              <ol>
                <li>Log in to your account.</li>
                <li>Open <em>Orders</em> and choose the item.
                  <ul><li>Unworn items only</li></ul>
                </li>
                <li>Print the label.</li>
              </ol>
              <h3><a id="refunds"></a>Refunds</h3>
              <p>Refunds take 5 working days.</p>
              <h3>Exchanges</h3>
              <p>Exchanges are free. Use the code <code>SWAP</code> at checkout.</p>
              <h2 id="tracking-api">Tracking API</h2>
              <pre><code class="language-bash">curl https://api.shop.example/track/123

        # prints the status</code></pre>
              <div hidden>Hidden draft text</div>
              <p style="display: none">Invisible text</p>
              <form action="/newsletter"><label>Email</label><input name="email"><button>Subscribe</button></form>
            </article>
            <aside class="related"><h3>Related</h3><a href="/help/payment">Payment</a></aside>
          </main>
          <footer class="site-footer">
            <p>© 2025 Acme Shop</p>
            <a href="/imprint">Imprint</a>
            <a href="https://social.example/acme" rel="nofollow">Follow us</a>
            <a href="mailto:help@shop.example">Mail us</a>
            <a href="javascript:void(0)">Chat</a>
          </footer>
        </body>
        </html>
        """;

    /// <summary>The main content of <see cref="Shipping"/>, as the chunker gets it.</summary>
    public const string ShippingMarkdown = """
        # Shipping and returns {#top}

        We ship to all EU countries. Orders placed before 2 pm leave the same day.

        ## Delivery times {#delivery-times}

        Country | Days
        Germany | 1–2
        France | 2–3

        ## Returns {#returns}

        You can return any item within 30 days.
        Sale items included.

        1. Log in to your account.
        2. Open Orders and choose the item.
          - Unworn items only
        3. Print the label.

        ### Refunds {#refunds}

        Refunds take 5 working days.

        ### Exchanges

        Exchanges are free. Use the code `SWAP` at checkout.

        ## Tracking API {#tracking-api}

        ```bash
        curl https://api.shop.example/track/123

        # prints the status
        ```
        """;

    /// <summary>A small business page without main or article: the body, less its boilerplate.</summary>
    public const string Restaurant = """
        <html><head><title>Trattoria Roma</title></head>
        <body>
          <div class="top-bar"><ul class="main-menu"><li><a href="/">Home</a></li><li><a href="/book">Book a table</a></li></ul></div>
          <div class="hero-banner"><h1>Trattoria Roma</h1><p>Fresh pasta since 1982.</p></div>
          <div class="cookie-notice">This site uses cookies. <a href="/privacy">Privacy</a></div>
          <section id="menu"><h2>Our menu</h2>
            <ul><li>Spaghetti carbonara – 12 €</li><li>Pizza margherita – 10 €</li></ul>
          </section>
          <div id="sidebar"><h3>Opening hours widget</h3><p>Ask us!</p></div>
          <div class="footer-links"><a href="/jobs">Jobs</a></div>
          <p>Open Tuesday to Sunday, 12–15 and 18–23.</p>
        </body></html>
        """;
}
