namespace SmartCity.Cloud.Enrollment;

/// <summary>An enrollment refused for <see cref="Error"/>; the message is safe to return to the device.</summary>
public sealed class EnrollmentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnrollmentException(EnrollmentError error, string message, Exception? innerException = null) : base(message, innerException) => Error = error;

    /// <summary>Creates the exception.</summary>
    public EnrollmentException() => Error = EnrollmentError.BadRequest;

    /// <summary>Creates the exception.</summary>
    public EnrollmentException(string message) : base(message) => Error = EnrollmentError.BadRequest;

    /// <summary>Creates the exception.</summary>
    public EnrollmentException(string message, Exception innerException) : base(message, innerException) => Error = EnrollmentError.BadRequest;

    /// <summary>Why.</summary>
    public EnrollmentError Error { get; }
}
