/* The macgen golden model: include this one header. */
#ifndef MG_MODEL_H
#define MG_MODEL_H
#include "format.h"
#include "exact.h"
#include "round.h"
#include "ops.h"
#endif
