namespace SmartCity.Edge.Detection;

/// <summary>Which instructions the letterbox pre-processing may use; every kernel gives the same tensor within float rounding.</summary>
internal enum PreprocessKernel
{
    /// <summary>The fastest the CPU offers: AVX-512 or AVX2 vertical blend, AVX2 gathers for the horizontal pass.</summary>
    Best,

    /// <summary>128-bit vectors for the vertical blend and scalar horizontal sampling: what ARM64 (NEON) runs.</summary>
    Portable,

    /// <summary>Scalar code only: the reference the vector paths are tested against.</summary>
    Scalar,
}
