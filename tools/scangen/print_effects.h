#pragma once

#include <opencv2/core.hpp>

#include "tools/scangen/degrade.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// How a page was printed, applied to its ink before anything else touches
// it. Each changes the 8-bit `image` in place and records itself in `d`.

// Thermal paper: the ink is grey, uneven in blotches, and fades along the
// roll from `strongest` to `faintest` (shares of the ink kept, 0..1), the
// faint end at the top or the bottom.
void ThermalFade(cv::Mat& image, double strongest, double faintest, Random& random, Degradation& d);

// A dot-matrix printer: every glyph is redrawn as round dots of grey `ink`
// on a grid of `pitch` pixels, a dot wherever the glyph has ink in its cell.
void DotMatrix(cv::Mat& image, int pitch, int ink, Degradation& d);

// A smooth random field of `size` with values in [lo, hi]: blotches about
// `cell` pixels across.
cv::Mat SmoothField(cv::Size size, int cell, double lo, double hi, Random& random);

}  // namespace travet::scangen
