#pragma once

#include <opencv2/core.hpp>
#include <vector>

#include "tools/scangen/degrade.h"
#include "tools/scangen/random_source.h"

namespace travet::scangen {

// Draws a printed form's rulings on the 8-bit `page` at `dpi` around the
// text that `content` locates. Every block of two or more consecutive lines
// of two or more cells (a table's rows, a form's labelled fields) becomes a
// table: a rule above, between and below its rows, one at each side and one
// in each column gap. A page without such a block gets fill-in lines: a rule
// just under each of a few consecutive lines. Returns one "table" mark per
// ruled block (its box the rules' extent).
std::vector<Mark> Rule(cv::Mat& page, int dpi, const PageContent& content, Random& random);

}  // namespace travet::scangen
