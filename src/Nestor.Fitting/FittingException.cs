namespace Nestor.Fitting;

/// <summary>A fitting input or solver failure; the message names the file, frame or setting at fault.</summary>
public sealed class FittingException(string message, Exception? inner = null) : Exception(message, inner);
