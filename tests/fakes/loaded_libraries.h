#pragma once

#include <string>
#include <vector>

namespace travet::testing {

// The shared libraries mapped into this process whose file names contain any
// of `fragments` ("libopencv", "libtesseract"), read from /proc/self/maps.
std::vector<std::string> LoadedLibraries(const std::vector<std::string>& fragments);

// The image libraries a program without OCR must not load: OpenCV,
// Tesseract, Leptonica and poppler.
const std::vector<std::string>& ImageLibraryNames();

}  // namespace travet::testing
