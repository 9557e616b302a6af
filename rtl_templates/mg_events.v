// mg_events: the LBA event flags of one MAC step (docs/spec/lba_events.md, as the
// model counts them):
//   overflow  - a rounding overflowed or saturated (overflow flag raised)
//   underflow - a nonzero exact result became 0 (the product's rounding, see
//               prod_lost_i, or the accumulation's: underflow flag and a zero
//               result)
//   swamping  - a nonzero finite addend, a finite (or zero) accumulator, and a
//               result equal in value to the accumulator
`default_nettype none

module mg_events #(
  parameter integer ExpBits    = 4,
  parameter integer FracBits   = 7,
  parameter integer Bias       = 7,
  parameter integer Specials   = 2,
  parameter integer Subnormals = 0,
  parameter integer ExpWidth   = 12
) (
  input  wire [ExpBits+FracBits:0] acc_i,
  input  wire [ExpBits+FracBits:0] res_i,
  input  wire [4:0]                flags_i,        // all flags of the step
  input  wire [4:0]                acc_flags_i,    // flags of the accumulation rounding
  input  wire                      addend_live_i,  // addend finite and nonzero
  input  wire                      prod_lost_i,    // product rounding gave 0 from nonzero
  output wire [2:0]                events_o        // {swamping, underflow, overflow}
);
  wire                acc_sign, acc_zero, acc_inf, acc_nan, acc_snan;
  wire                res_sign, res_zero, res_inf, res_nan, res_snan;
  wire [ExpWidth-1:0] acc_exp, res_exp;
  wire [FracBits:0]   acc_sig, res_sig;

  mg_unpack #(
    .ExpBits (ExpBits), .FracBits (FracBits), .Bias (Bias), .Specials (Specials),
    .Subnormals (Subnormals), .ExpWidth (ExpWidth)
  ) u_unpack_acc (
    .x_i (acc_i), .sign_o (acc_sign), .exp_o (acc_exp), .sig_o (acc_sig),
    .zero_o (acc_zero), .inf_o (acc_inf), .nan_o (acc_nan), .snan_o (acc_snan)
  );

  mg_unpack #(
    .ExpBits (ExpBits), .FracBits (FracBits), .Bias (Bias), .Specials (Specials),
    .Subnormals (Subnormals), .ExpWidth (ExpWidth)
  ) u_unpack_res (
    .x_i (res_i), .sign_o (res_sign), .exp_o (res_exp), .sig_o (res_sig),
    .zero_o (res_zero), .inf_o (res_inf), .nan_o (res_nan), .snan_o (res_snan)
  );

  wire same_value = (acc_zero & res_zero) | ((acc_i == res_i) & ~res_nan);
  wire overflow   = flags_i[2];
  wire underflow  = prod_lost_i | (acc_flags_i[1] & res_zero);
  wire swamping   = addend_live_i & ~acc_inf & ~acc_nan & same_value;

  assign events_o = {swamping, underflow, overflow};

  wire unused_ok = &{1'b0, acc_sign, acc_exp, acc_sig, acc_snan, res_sign, res_exp, res_sig,
                     res_inf, res_snan, flags_i[4:3], flags_i[1:0], acc_flags_i[4:2],
                     acc_flags_i[0], 1'b0};
endmodule

`default_nettype wire
