/// How much of each alert a read makes into its record.
public enum AlertReading: Sendable, Equatable {
    /// Every field.
    case whole
    /// What a listing of alerts shows and ranks them by: id, time, action, principal, account,
    /// region, vault, outcome and severity. Of a line the fast decoder takes (every line the
    /// store writes), the call id and the rule's name are left empty, and the recovery point,
    /// error message and source address nil; a line only Foundation's decoder reads keeps
    /// them, so nothing may count on their absence either. Those texts, most of them
    /// different on every line, are most of the memory and time a listing of 15,000 alerts
    /// would spend making strings. A line is still taken, or reported, exactly as a whole read
    /// does: the fields not made must be there, and be what a whole read takes.
    case listed
}
