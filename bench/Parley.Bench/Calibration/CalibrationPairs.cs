namespace Parley.Bench.Calibration;

/// <summary>
/// Hand-written texts of the kinds Parley compares: questions and the passages of a documentation or help site that
/// answer them, blocked-topic names and sentences of answers, and sentences that do or do not say the same thing.
/// Every question is unrelated to the other questions' passages, every topic to the other topics' sentences.
/// </summary>
internal static class CalibrationPairs
{
    /// <summary>A question and the passage (title, then text, as chunks are embedded) that answers it.</summary>
    public static readonly (string Question, string Passage)[] Answers =
    [
        ("How long do refunds take to arrive?", "Refund policy\nOnce we receive the returned item, the refund reaches your original payment method within 5 business days."),
        ("When do I get my money back after a return?", "Returns — Refund timing\nRefunds are issued to the card you paid with, usually within a week of the return being checked."),
        ("Can I change my delivery address after ordering?", "Orders — Changing an order\nYou can edit the shipping address of an order until it is packed; after that, contact support."),
        ("Do you ship to Norway?", "Shipping — Countries\nWe deliver to every EU country as well as Norway, Switzerland and the United Kingdom."),
        ("How do I reset my password?", "Account — Signing in\nChoose 'Forgot password' on the sign-in page and we email you a link that sets a new one."),
        ("Is there a student discount?", "Pricing — Discounts\nStudents and teachers get 40% off any plan with a valid school email address."),
        ("How do I install the package on Debian?", "Installation\nRun apt install parley as root; the package pulls in its dependencies and starts the service."),
        ("Which port does the server listen on by default?", "Configuration — Network\nThe server listens on TCP port 8080 unless the listen setting names another."),
        ("How can I upgrade to a newer release without losing data?", "Upgrading\nStop the service, back up the data directory, install the new version and start it again; migrations run on start."),
        ("How do I make the firewall allow SSH?", "Firewall — Allowing services\nAdd a rule accepting TCP port 22 on the input chain, then reload the ruleset."),
        ("What should I do if the disk is full?", "Troubleshooting — Storage\nWhen a partition fills up, find large files with du, rotate the logs and remove old kernels."),
        ("How do I schedule a job to run every night?", "Cron\nAdd a line to the crontab with the minute, hour and command; 0 2 * * * runs it at two every night."),
        ("Can two users share one account?", "Account — Seats\nEach seat belongs to one person; invite colleagues as team members instead of sharing a login."),
        ("How do I cancel my subscription?", "Billing — Cancelling\nOpen Billing, choose Cancel plan and confirm; you keep access until the end of the paid period."),
        ("What payment methods do you accept?", "Billing — Payment\nWe take Visa, Mastercard, American Express, PayPal and bank transfer for yearly plans."),
        ("Where can I find my invoices?", "Billing — Invoices\nEvery invoice is listed under Billing > History, where each can be downloaded as a PDF."),
        ("How do I add a new user to the system?", "User management\nThe adduser command creates the account, its home directory and asks for a password."),
        ("Why is my laptop not connecting to wifi?", "Networking — Wireless\nMost wireless cards need non-free firmware; install the firmware package for your chipset and reboot."),
        ("How do I back up the database?", "Backups\nA nightly dump of the database is written to the backup directory; copy it off the machine as well."),
        ("Is my data encrypted?", "Security\nAll data is encrypted in transit with TLS and at rest with AES-256 on our servers."),
        ("What are your support hours?", "Contact\nOur support team answers chat and email Monday to Friday, 9am to 5pm CET."),
        ("How do I print from the command line?", "Printing\nThe lp command sends a file to the default printer; lpstat shows the queue."),
        ("Can I use my own domain for the help center?", "Custom domains\nPoint a CNAME record at help.example.net and add the domain in Settings to serve the help center under it."),
        ("How much does the pro plan cost?", "Pricing\nThe Pro plan costs 29 euros a month, or 290 euros a year when paid annually."),
        ("When will my money come back?", "Refund policy — How long refunds take\nOnce the parcel reaches our warehouse, the refund is sent to your original payment method within 5 business days."),
        ("Is the toaster guaranteed?", "Warranty\nEvery kettle and toaster comes with a two-year warranty that covers manufacturing defects. Damage from drops or limescale is not covered."),
    ];

    /// <summary>A blocked topic as an operator names it, and sentences an answer might say about it.</summary>
    public static readonly (string Topic, string[] Sentences)[] Topics =
    [
        ("medical advice", ["You should take two ibuprofen tablets every six hours for the pain.", "That rash could be an allergy, so see a doctor if it spreads.", "Stop taking the antibiotics only when your doctor says so."]),
        ("politics", ["The prime minister's party lost its majority in the election.", "Voters should support the candidate who promises lower taxes.", "Parliament will vote on the new immigration law next week."]),
        ("competitor products", ["Zendesk offers a similar help desk at a lower price.", "Unlike Intercom, our widget loads without cookies.", "Many customers move to us from Freshdesk."]),
        ("legal advice", ["You can sue your landlord for keeping the deposit.", "Under the contract you are not liable for the damage.", "A lawyer would tell you to sign nothing before the hearing."]),
        ("investment advice", ["Put your savings into index funds rather than single stocks.", "Bitcoin will double in price by next year, so buy now.", "Sell your bonds before interest rates rise."]),
        ("religion", ["Prayer five times a day is one of the pillars of Islam.", "The church teaches that Sunday is a day of rest.", "Buddhists seek to end suffering through the eightfold path."]),
    ];

    /// <summary>Two sentences that say the same thing in other words.</summary>
    public static readonly (string, string)[] Paraphrases =
    [
        ("Refunds reach your account within five business days.", "You get your money back within 5 working days."),
        ("The server listens on port 8080 by default.", "By default the service accepts connections on port 8080."),
        ("Support is available Monday to Friday from 9 to 5.", "Our team answers on weekdays between 9am and 5pm."),
        ("You can cancel your plan at any time.", "Cancelling the subscription is possible whenever you like."),
        ("Back up the data directory before upgrading.", "Before installing a new version, make a copy of the data folder."),
        ("Students get 40% off every plan.", "Every plan is 40 percent cheaper for students."),
        ("The package is installed with apt.", "Use apt to install the package."),
        ("Invoices can be downloaded as PDF files.", "Each invoice is available for download in PDF format."),
    ];

    /// <summary>Two sentences on one subject that say different things: an answer may quote both.</summary>
    public static readonly (string, string)[] SameSubject =
    [
        ("Refunds reach your account within five business days.", "Refunds are not given for digital downloads."),
        ("The server listens on port 8080 by default.", "The server writes its logs to /var/log/parley."),
        ("Support is available Monday to Friday from 9 to 5.", "Support tickets are answered in the order they arrive."),
        ("You can cancel your plan at any time.", "Cancelled plans keep their data for thirty days."),
        ("Back up the data directory before upgrading.", "Upgrades run database migrations when the service starts."),
        ("Students get 40% off every plan.", "Discounts cannot be combined with other offers."),
        ("The package is installed with apt.", "The package starts the service after installation."),
        ("Invoices can be downloaded as PDF files.", "Invoices are sent by email on the first day of the month."),
    ];
}
