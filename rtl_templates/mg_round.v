// mg_round: THE rounder (docs/spec/rounding.md).  Rounds a normalised, finite,
// nonzero value sig_i * 2^(exp_i - (InWidth-1)) (sig_i[InWidth-1] = 1) into
// the magnitude bits of the output format; zero, Inf and NaN are the packer's.
//
// The significand is cut to the kept bits (FracBits+1), Guard = RBits+1 guard
// bits and a sticky bit.  Below 2^emin a `sub` format first shifts right onto
// the subnormal grid; an `ftz` format rounds as if the exponent were unbounded
// and flushes afterwards.  Increment by mode:
//   rtz: never
//   rne: round bit & (lower guard bits | sticky | kept LSB)
//   sr : carry out of guard + (rand_i << 1), i.e. |x| + rand/2^RBits of a step,
//        truncated (the guard LSB and the sticky bit cannot change that carry)
// Flags: overflow 0x04 (rounded result above the largest finite; always with
// inexact), underflow 0x02 (tiny after rounding and inexact, or flushed),
// inexact 0x01.  Tininess after rounding: the value rounded to FracBits with
// an unbounded exponent is below 2^emin.
`default_nettype none

module mg_round #(
  parameter integer InWidth    = 32,
  parameter integer ExpWidth   = 12,
  parameter integer ExpBits    = 8,
  parameter integer FracBits   = 23,
  parameter integer Bias       = 127,
  parameter integer Specials   = 0,  // 0 ieee, 1 fn, 2 fin
  parameter integer Subnormals = 1,  // 1 sub, 0 ftz
  parameter integer Mode       = 1,  // 0 rtz, 1 rne, 2 sr
  parameter integer RBits      = 1
) (
  input  wire [ExpWidth-1:0]         exp_i,    // exponent of sig_i's MSB
  input  wire [InWidth-1:0]          sig_i,
  input  wire                        sticky_i, // value lies strictly above sig_i
  input  wire [RBits-1:0]            rand_i,   // sr only
  output wire [ExpBits+FracBits-1:0] mag_o,    // rounded magnitude (valid unless ovf_o)
  output wire                        ovf_o,
  output wire [4:0]                  flags_o
);
  localparam integer Guard     = RBits + 1;
  localparam integer KeepWidth = FracBits + 1;
  localparam integer WorkWidth = KeepWidth + Guard;
  localparam [31:0] BiasVec    = Bias;
  localparam [31:0] EMinVec    = 1 - Bias;
  localparam [31:0] EMinM1Vec  = 0 - Bias;
  localparam [31:0] XMaxVec    = (1 << ExpBits) - ((Specials == 0) ? 2 : 1);

  wire [ExpWidth-1:0] emin   = EMinVec[ExpWidth-1:0];
  wire [ExpWidth-1:0] x_max  = XMaxVec[ExpWidth-1:0];
  wire [ExpWidth-1:0] one    = {{(ExpWidth-1){1'b0}}, 1'b1};

  // ---- Cut the input to kept + guard bits and a sticky bit.
  wire [WorkWidth-1:0] work;
  wire                 work_sticky;
  generate
    if (InWidth > WorkWidth) begin : gen_cut
      assign work        = sig_i[InWidth-1 -: WorkWidth];
      assign work_sticky = sticky_i | (|sig_i[InWidth-WorkWidth-1:0]);
    end else if (InWidth == WorkWidth) begin : gen_fit
      assign work        = sig_i;
      assign work_sticky = sticky_i;
    end else begin : gen_pad
      assign work        = {sig_i, {(WorkWidth-InWidth){1'b0}}};
      assign work_sticky = sticky_i;
    end
  endgenerate

  // ---- Rounding increment (one function for both grids).
  function automatic round_up;
    input             lsb;
    input [Guard-1:0] guard;
    input             sticky;
    input [RBits-1:0] rand_word;
    reg   [Guard:0]   sr_sum;
    begin
      sr_sum = {1'b0, guard} + {1'b0, rand_word, 1'b0};
      if (Mode == 1)      round_up = guard[Guard-1] & ((|guard[Guard-2:0]) | sticky | lsb);
      else if (Mode == 2) round_up = sr_sum[Guard];
      else                round_up = 1'b0;
    end
  endfunction

  // ---- Normal grid: FracBits below the leading one.
  wire [KeepWidth-1:0] n_keep  = work[WorkWidth-1:Guard];
  wire [Guard-1:0]     n_guard = work[Guard-1:0];
  wire                 n_inc   = round_up(n_keep[0], n_guard, work_sticky, rand_i);
  wire [KeepWidth:0]   n_round = {1'b0, n_keep} + {{KeepWidth{1'b0}}, n_inc};
  wire                 n_carry = n_round[KeepWidth];
  wire                 n_inexact = (|n_guard) | work_sticky;
  wire [ExpWidth-1:0]  n_field = exp_i + BiasVec[ExpWidth-1:0] + {{(ExpWidth-1){1'b0}}, n_carry};
  wire [FracBits-1:0]  n_frac  = n_round[FracBits-1:0];
  wire                 n_ovf   = ($signed(n_field) > $signed(x_max)) |
                                 ((Specials == 1) & (n_field == x_max) & (&n_frac));
  wire                 n_tiny  = ($signed(n_field) < $signed(one));  // below 2^emin after rounding
  wire [ExpBits+FracBits-1:0] n_mag = {n_field[ExpBits-1:0], n_frac};

  // ---- Subnormal grid (sub formats, value below 2^emin).
  wire below = (Subnormals != 0) & ($signed(exp_i) < $signed(emin));
  wire [ExpWidth-1:0]  s_dist = below ? (emin - exp_i) : {ExpWidth{1'b0}};
  wire [WorkWidth-1:0] s_work;
  wire                 s_lost;
  mg_align #(
    .Width      (WorkWidth),
    .ShiftWidth (ExpWidth)
  ) u_denorm (
    .sig_i    (work),
    .shift_i  (s_dist),
    .sig_o    (s_work),
    .sticky_o (s_lost)
  );
  wire [KeepWidth-1:0] s_keep   = s_work[WorkWidth-1:Guard];
  wire [Guard-1:0]     s_guard  = s_work[Guard-1:0];
  wire                 s_sticky = work_sticky | s_lost;
  wire                 s_inc    = round_up(s_keep[0], s_guard, s_sticky, rand_i);
  wire [KeepWidth:0]   s_round  = {1'b0, s_keep} + {{KeepWidth{1'b0}}, s_inc};
  wire                 s_inexact = (|s_guard) | s_sticky;
  // Tiny after rounding unless the value is just below 2^emin and rounding
  // with an unbounded exponent carries it up to 2^emin.
  wire [ExpWidth-1:0]  emin_m1  = EMinM1Vec[ExpWidth-1:0];
  wire                 s_tiny   = ~((exp_i == emin_m1) & n_carry);
  wire [ExpBits+FracBits-1:0] s_mag = {{(ExpBits-1){1'b0}}, s_round[KeepWidth-1:0]};
  wire unused_ok = &{1'b0, s_round[KeepWidth], 1'b0};

  // ---- Select.  ftz formats flush a result below 2^emin.
  wire flush = (Subnormals == 0) & n_tiny;
  wire ovf   = ~below & n_ovf;
  wire underflow = below ? (s_tiny & s_inexact) : flush;
  wire inexact   = below ? s_inexact : (n_inexact | flush | ovf);

  assign mag_o   = below ? s_mag : (flush ? {(ExpBits+FracBits){1'b0}} : n_mag);
  assign ovf_o   = ovf;
  assign flags_o = {2'b00, ovf, underflow, inexact};
endmodule

`default_nettype wire
